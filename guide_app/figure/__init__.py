"""The exercise pictures' figure: a posable person drawn to SVG.

``pose`` poses the person, ``camera`` looks at it, ``scene`` adds equipment, bands and
movement marks, ``pose_data`` reads all that from ``assets/poses.yaml``, ``framing`` fits
the picture round it, and ``svg`` draws it (with ``person``, ``equipment``, ``arrows`` and
``canvas``, in the ``style``). No module uses Qt, so pictures can be made and checked anywhere.
"""

"""The exercise pictures' figure: a posable person (``pose``) drawn to SVG (``svg``).

Neither module uses Qt, so pictures can be made and checked anywhere.
"""

"""The voice: offline spoken prompts that land on the beat and never freeze the window.

- ``service``: the ``Speech`` interface the app uses (a ``core.voice.Voice``), and
  ``QtSpeech`` / ``SilentSpeech`` / ``RecordingSpeech``
- ``settings``: the user's speech settings and how late a prompt may start (no Qt)
- ``words``: the window's line for each ``VoiceStatus`` (no Qt)
- ``renderer`` + ``renderer_worker``: the pyttsx3 worker process and its client
- ``cache``: rendered phrases on disk (no Qt); ``wavtools``: WAV and onset helpers (no Qt)
- ``player``: plays phrases on their beat with QtMultimedia
- ``audiocheck``: measures the real audio path with a PulseAudio null sink
- ``heard``: finds rendered phrases in a recording, and whether each was heard whole

This package's ``__init__`` imports nothing, so the worker process never loads Qt.
"""

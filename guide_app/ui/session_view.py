"""The session screen: picture, cue, big readout, side, set and what comes next; on a
get-ready, the exercise's stop signs in a box marked as safety information.

One widget serves the control window and the clinic display; it only shows a
``Readout`` (plain data the core's session run builds) and never decides anything.
Type scales with the widget's height so it reads across a room. While paused, "PAUSED"
is the biggest thing on the screen and the readout it interrupts is dimmed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from guide_app.core import symbols
from guide_app.core.content_language import shown
from guide_app.core.i18n import tr
from guide_app.core.readout import Hint, Readout, unit_word
from guide_app.core.steps import StepKind
from guide_app.core.voice import VoiceStatus
from guide_app.speech.words import describe_voice
from guide_app.ui import theme
from guide_app.ui.keys import Binding, key_names
from guide_app.ui.picture import PictureView


def restyle(widget: QWidget, css: str) -> None:
    """Set a style sheet only when it changes: restyling is costly, and the readout
    refreshes many times a second."""
    if widget.property("css") != css:
        widget.setProperty("css", css)
        widget.setStyleSheet(css)


class ProgressBar(QWidget):
    """A thick bar that fills with the phase, hold or rest: readable from across a room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: float | None = None
        self._colour = QColor(theme.ACCENT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(18)

    def set_value(self, value: float | None, colour: str) -> None:
        if value != self._value or QColor(colour) != self._colour:
            self._value, self._colour = value, QColor(colour)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(QPen(QColor("#4a5866"), 2))
        painter.setBrush(QColor(theme.PANEL))
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        if self._value is None:
            return
        filled = QRectF(rect)
        filled.setWidth(rect.width() * max(0.0, min(1.0, self._value)))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colour)
        painter.drawRoundedRect(filled, rect.height() / 2, rect.height() / 2)


class SideBanner(QFrame):
    """The side as word, arrow, colour and position: never colour alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAccessibleName(tr("side"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.addWidget(self.label)
        self.side: str | None = None

    def set_side(self, side: str | None, words: str = "") -> None:
        """``words`` name the side with its limb ("Right leg"); else the side's own word."""
        self.side = side
        style = theme.SIDE_STYLES.get(side or "")
        if style is None:
            self.label.setText("")
            restyle(self, "SideBanner { border: none; }")
            return
        word = words.upper() if words else style.word
        if side == "left":
            text = f"{style.arrow}  {word}"
        elif side == "right":
            text = f"{word}  {style.arrow}"
        else:
            text = word
        self.label.setText(text)
        align = (
            Qt.AlignmentFlag.AlignLeft
            if side == "left"
            else Qt.AlignmentFlag.AlignRight
            if side == "right"
            else Qt.AlignmentFlag.AlignHCenter
        )
        self.label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        restyle(
            self,
            f"SideBanner {{ border: 4px solid {style.colour}; border-radius: 10px; }}"
            f"QLabel {{ color: {style.colour}; font-weight: bold; }}",
        )


class SessionView(QWidget):
    """The session screen. ``display=True`` gives the wall-display layout: fewer details,
    larger type.

    ``picture_notice(text)`` says the picture was left out (it took too long to draw):
    the window shows the text as a notice."""

    picture_notice = Signal(str)

    def __init__(self, *, display: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.display = display
        self.scale = 1.0
        self.readout = Readout()
        self.keys: Mapping[str, Sequence[str]] | Iterable[Binding] | None = None  # in force

        self.status = QLabel()  # session progress, paused, muted, voice
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)  # a long title wraps rather than widening the screen
        self.session_bar = ProgressBar()
        self.session_bar.setFixedHeight(8)
        self.flags = QLabel()
        self.flags.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.paused = QLabel()  # while paused: the biggest thing on the screen
        self.paused.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused.setAccessibleName(tr("paused"))
        self.paused.setStyleSheet(f"color: {theme.ACCENT}; font-weight: bold;")
        self.paused.hide()
        self.paused_hint = QLabel()  # which key resumes
        self.paused_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_hint.setStyleSheet(f"color: {theme.ACCENT};")
        self.paused_hint.hide()

        self.picture = PictureView()
        self.picture.notice.connect(self.picture_notice)
        self.name = QLabel()
        self.name.setWordWrap(True)
        self.side = SideBanner()
        self.big = QLabel()
        self.big.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.big.setAccessibleName(tr("readout"))
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setObjectName("muted")
        self.bar = ProgressBar()
        self.set_text = QLabel()
        self.set_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_text.setWordWrap(True)  # "Satz 1 von 3 · Runde 2 von 2" may take two lines
        self.dose = QLabel()  # "Load: 7 kg (prescribed 5 kg)  ·  RPE 7"
        self.dose.setWordWrap(True)
        self.dose.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dose.setAccessibleName(tr("load"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel()  # which key to press now, from the key table
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setAccessibleName(tr("hint"))
        self.hint.setStyleSheet(f"color: {theme.TEXT}; padding-top: 6px;")
        self.cue = QLabel()  # the current cue, large
        self.cue.setWordWrap(True)
        self.cue.setAccessibleName(tr("current cue"))
        self.cue_list = QLabel()  # every cue, the current one highlighted
        self.cue_list.setWordWrap(True)
        self.cue_list.setTextFormat(Qt.TextFormat.RichText)
        self.tips = QLabel()
        self.tips.setWordWrap(True)
        self.tips.setObjectName("muted")
        self.safety = QLabel()  # the stop signs, on a get-ready: symbol, words and a frame
        self.safety.setWordWrap(True)
        self.safety.setAccessibleName(tr("stop signs"))
        self.safety.setStyleSheet(
            f"background: {theme.WARNING_BG}; color: {theme.TEXT};"
            f" border: 3px solid {theme.ACCENT}; border-radius: 8px; padding: 4px 10px;"
        )
        self.safety.hide()
        self.next = QLabel()
        self.next.setWordWrap(True)
        self.next.setObjectName("muted")
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet(f"color: {theme.ACCENT};")
        self.pain = QPushButton(tr("Report pain"))
        self.pain.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must stay "next"
        self.pain.setAccessibleName(tr("report pain"))

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.flags)
        if not display:
            top.addWidget(self.pain)
        else:
            self.pain.hide()

        readout = QVBoxLayout()
        readout.addWidget(self.name)
        readout.addWidget(self.side)
        readout.addStretch(1)
        readout.addWidget(self.big)
        readout.addWidget(self.caption)
        readout.addWidget(self.bar)
        readout.addWidget(self.set_text)
        readout.addWidget(self.dose)
        readout.addWidget(self.message)
        readout.addWidget(self.hint)
        readout.addStretch(1)

        middle = QHBoxLayout()
        middle.addWidget(self.picture, 5)
        middle.addLayout(readout, 4)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.session_bar)
        layout.addWidget(self.paused)
        layout.addWidget(self.paused_hint)
        layout.addLayout(middle, 6)
        layout.addWidget(self.safety)
        layout.addWidget(self.cue)
        if not display:
            layout.addWidget(self.cue_list)
            layout.addWidget(self.tips)
        else:
            self.cue_list.hide()
            self.tips.hide()
        layout.addWidget(self.prompt)
        layout.addWidget(self.next)
        # Content (names, cues, tips, titles) is shown as written, never read as HTML: only
        # the cue list is rich text, and it escapes each cue.
        for label in self.findChildren(QLabel):
            if label is not self.cue_list:
                label.setTextFormat(Qt.TextFormat.PlainText)
        self._apply_fonts()

    # ------------------------------------------------------------------ showing

    def set_keys(self, bindings: Mapping[str, Sequence[str]] | Iterable[Binding] | None) -> None:
        """The key table in force, so hints name the keys the user has."""
        self.keys = bindings
        self.pain.setText(tr("Report pain ({keys})", keys=key_names("pain", bindings, most=1)))

    def show_readout(self, s: Readout) -> None:
        was_paused, self.readout = self.readout.paused, s
        self._show_stop_signs(s)  # first: the box goes before the next step's text comes
        if s.paused != was_paused:
            self._apply_fonts()  # PAUSED takes the big type, the readout steps back
        self.status.setText(s.session_text)
        self.session_bar.set_value(s.session_progress, theme.MUTED_TEXT)
        flags = []
        if s.paused:
            flags.append(self._paused_words())
        if s.muted:
            flags.append(tr("MUTED"))
        voice = self._voice_words(s)
        if voice and not self.display:  # the patient needs no voice diagnostics
            flags.append(voice)
        self.flags.setText("   ".join(flags))
        restyle(
            self.flags,
            f"color: {theme.ACCENT}; font-weight: bold;"
            if (s.paused or s.muted)
            else f"color: {theme.MUTED_TEXT};",
        )
        side = s.side.value if s.side is not None else None
        self.picture.show_picture(s.picture, mirrored=s.mirrored, side=side)
        self.picture.show_figure(s.figure_at)
        self.name.setText(shown(s.exercise_name))
        self.side.set_side(side, s.side_text)
        self.big.setText(s.big)
        colour = theme.SIDE_STYLES[side].colour if side in theme.SIDE_STYLES else theme.TEXT
        restyle(self.big, f"color: {theme.DIMMED if s.paused else colour};")
        caption = s.big_caption.upper()
        self.caption.setText(
            f"{caption}  {symbols.DOT}  {s.range_text}" if s.range_text else caption
        )
        self.bar.set_value(s.progress, theme.DIMMED if s.paused else colour)
        self.bar.setVisible(s.progress is not None)
        self.set_text.setText(s.set_text)
        dose = f"  {symbols.DOT}  ".join(t for t in (s.load_text, s.effort_text) if t)
        self.dose.setText(dose)
        self.dose.setVisible(bool(dose))
        restyle(self.dose, f"color: {theme.ACCENT if s.load_corrected else theme.TEXT};")
        self.message.setText(shown(s.message))  # a note's text is content
        restyle(self.message, f"color: {theme.ACCENT}; font-weight: bold;")
        self.paused.setText(self._paused_words())
        self.paused_hint.setText(tr("Press {keys} to resume", keys=key_names("pause", self.keys)))
        self.paused.setVisible(s.paused)
        self.paused_hint.setVisible(s.paused)
        hint = "" if s.paused else self._hint(s)  # one hint at a time: the pause's first
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        if s.current_cue is not None and 0 <= s.current_cue < len(s.cues):
            self.cue.setText(shown(s.cues[s.current_cue]))
        else:
            self.cue.setText(shown(s.cues[0]) if s.cues and s.kind is StepKind.READY else "")
        self.cue_list.setText(self._cue_html(s))
        self.tips.setText(tr("Tip: {tip}", tip=shown(s.tip)) if s.tip else "")
        self.next.setText(s.next_text)
        prompt = ""
        if s.effort_for is not None:
            prompt = tr("How hard was {name}? Press 1-9, or 0 for 10 (optional)", name=s.effort_for)
        self.prompt.setText(prompt)
        self.prompt.setVisible(bool(prompt) and not self.display)

    def _show_stop_signs(self, s: Readout) -> None:
        """On a get-ready, the exercise's stop signs, each on a line of its own."""
        signs = s.stop_signs if s.kind is StepKind.READY else ()
        heading = f"{symbols.WARNING} {tr('Stop if:')}"
        lines = [f"{symbols.BULLET} {shown(sign)}" for sign in signs]
        self.safety.setText("\n".join((heading, *lines)) if signs else "")
        self.safety.setVisible(bool(signs))

    def _hint(self, s: Readout) -> str:
        """The sentence for the readout's hint, naming the keys in force."""
        keys = key_names("next", self.keys)
        if s.hint is Hint.START:
            return tr("Press {keys} (or the clicker) to start", keys=keys)
        if s.hint is Hint.GO_ON:
            return tr("Press {keys} to go on", keys=keys)
        if s.hint is Hint.EXTEND:
            return tr(
                "Press {keys} to add the rest of the range ({range})",
                keys=key_names("extend", self.keys, most=1),
                range=s.range_text,
            )
        if s.hint is Hint.COUNT:
            if s.count_unit == "steps" or s.big_caption == unit_word("steps"):
                return tr("Press {keys} after each step", keys=keys)
            if s.count_unit == "holds" or s.big_caption == unit_word("holds"):
                return tr("Press {keys} after each hold", keys=keys)
            return tr("Press {keys} after each rep", keys=keys)
        return ""

    @staticmethod
    def _paused_words() -> str:
        return f"{symbols.PAUSE} {tr('PAUSED')}"

    @staticmethod
    def _voice_words(s: Readout) -> str:
        if s.voice_total and s.voice_done < s.voice_total:
            return describe_voice(VoiceStatus.PREPARING, s.voice_done, s.voice_total)
        return describe_voice(s.voice) if s.voice is not None else ""

    def _cue_html(self, s: Readout) -> str:
        """Every cue, numbered, the current one highlighted; each cue escaped, so a cue
        such as "knee angle <90 degrees" reads as written."""
        rows = []
        for i, text in enumerate(s.cues):
            cue = escape(shown(text))
            if i == s.current_cue:
                rows.append(
                    f'<div style="color:{theme.ACCENT}; font-weight:bold;">'
                    f"{symbols.RIGHT_ARROW} {i + 1}. {cue}</div>"
                )
            else:
                rows.append(
                    f'<div style="color:{theme.MUTED_TEXT};">&nbsp;&nbsp;&nbsp;{i + 1}. {cue}</div>'
                )
        return "".join(rows)

    # ------------------------------------------------------------------ type size

    def set_scale(self, scale: float) -> None:
        self.scale = max(0.5, min(3.0, scale))
        self._apply_fonts()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        height = max(self.height(), 300)
        unit = height / 100 * self.scale  # 1% of the view's height

        def font(size: float, bold: bool = False) -> QFont:
            f = QFont(self.font())
            f.setPixelSize(max(10, round(size)))
            f.setBold(bold)
            return f

        big_share = 16 if self.display else 14  # digit glyphs at least 10% of the height
        paused = self.readout.paused
        self.big.setFont(font(unit * big_share * (0.5 if paused else 1.0), bold=True))
        # PAUSED in the big type, as wide as the screen allows: read from across the room
        sign = font(unit * big_share, bold=True)
        words, room = self._paused_words(), max(100, self.width() - 40)
        while sign.pixelSize() > 10 and QFontMetrics(sign).horizontalAdvance(words) > room:
            sign.setPixelSize(max(10, round(sign.pixelSize() * 0.9)))
        self.paused.setFont(sign)
        self.paused_hint.setFont(font(unit * (4.5 if self.display else 3.5), bold=True))
        self.hint.setFont(font(unit * (4.5 if self.display else 3.0)))
        self.name.setFont(font(unit * (5.5 if self.display else 4.2), bold=True))
        self.side.label.setFont(font(unit * (6 if self.display else 4.5), bold=True))
        self.caption.setFont(font(unit * 3))
        self.set_text.setFont(font(unit * (4.5 if self.display else 3.5), bold=True))
        self.dose.setFont(font(unit * (4.0 if self.display else 3.0), bold=True))
        self.message.setFont(font(unit * (4.5 if self.display else 3.5), bold=True))
        self.cue.setFont(font(unit * (4.5 if self.display else 3.4)))
        self.cue_list.setFont(font(unit * 2.2))
        self.tips.setFont(font(unit * 2.2))
        self.safety.setFont(font(unit * (3.2 if self.display else 2.2), bold=True))
        self.next.setFont(font(unit * (3.2 if self.display else 2.6)))
        self.prompt.setFont(font(unit * 2.6, bold=True))
        self.status.setFont(font(unit * 2.2))
        self.flags.setFont(font(unit * 2.6, bold=True))
        self.bar.setFixedHeight(max(10, round(unit * 2)))

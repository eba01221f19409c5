"""The drawing window: draw a digit with the mouse and watch the network read it.

The window opens at once; the model loads on a worker thread, and the first stroke is
read as soon as it is ready. While a stroke is drawn the guess is refreshed at most
every UPDATE_INTERVAL_MS, so drawing never stutters, and once more on release. The
app hands the drawing to a Predictor and shows what comes back; it knows nothing of
how the model runs.
"""

from __future__ import annotations

import logging
import queue
import threading
import tkinter as tk
from pathlib import Path
from tkinter import filedialog, messagebox, ttk
from tkinter import font as tkfont

from PIL import Image, ImageTk

from draw_app.files import write_atomically
from draw_app.strokes import Drawing

log = logging.getLogger("draw_app")

TITLE = "Draw a Digit"
CANVAS_SIDE = 400
DEFAULT_PEN = 18
UPDATE_INTERVAL_MS = 40
UNSURE_BELOW = 0.60
MODEL_VIEW_SCALE = 5

BACKGROUND = "#f4f5f7"
TEXT = "#1f2933"
MUTED = "#6b7280"
ACCENT = "#2563eb"
BAR_EMPTY = "#e5e7eb"
PAPER_EDGE = "#c7cbd1"
BAR_FILL = "#93c5fd"
UNSURE = "#d97706"
ERROR = "#b91c1c"

FONT_FAMILIES = ("Segoe UI", "Helvetica Neue", "DejaVu Sans", "Helvetica")

ICON = Path(__file__).resolve().parent / "icon.png"

IMAGE_FILETYPES = [("Images", "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp"), ("All files", "*")]


class DigitApp:
    """The main window. ``predictor_factory`` builds the Predictor on a worker thread."""

    def __init__(self, root: tk.Tk, predictor_factory, model_name: str) -> None:
        self.root = root
        self.predictor = None
        self.drawing = Drawing(CANVAS_SIDE, CANVAS_SIDE)
        self.shown_guess: tuple[int, str] | None = None
        self._update_pending: str | None = None
        self._drawing_stroke = False
        self._loaded: queue.Queue = queue.Queue()

        root.title(TITLE)
        self._icon = tk.PhotoImage(file=str(ICON))
        root.iconphoto(True, self._icon)
        root.configure(background=BACKGROUND)
        root.minsize(640, 480)
        self._style()
        self._build(model_name)
        self._bind_keys()
        self.show_prediction(None)

        threading.Thread(target=self._load_model, args=(predictor_factory,), daemon=True).start()
        root.after(20, self._check_model_loaded)

    # ------------------------------------------------------------------ layout

    def _style(self) -> None:
        available = set(tkfont.families(self.root))
        self.font = next((name for name in FONT_FAMILIES if name in available), "TkDefaultFont")
        style = ttk.Style(self.root)
        style.theme_use("clam")
        style.configure(".", background=BACKGROUND, foreground=TEXT, font=(self.font, 10))
        style.configure("TButton", padding=(10, 5))
        style.configure("Heading.TLabel", font=(self.font, 11, "bold"))
        style.configure("Guess.TLabel", font=(self.font, 64, "bold"), foreground=ACCENT)
        style.configure("Confidence.TLabel", font=(self.font, 13))
        style.configure("Status.TLabel", foreground=MUTED, padding=(12, 4))
        style.configure("Error.TLabel", foreground=ERROR, padding=(12, 4))
        self.bar_fonts = {weight: (tkfont.Font(self.root, family=self.font, size=11, weight=weight),
                                   tkfont.Font(self.root, family=self.font, size=10, weight=weight))
                          for weight in ("normal", "bold")}

    def _build(self, model_name: str) -> None:
        self._build_menu()
        body = ttk.Frame(self.root, padding=16)
        body.pack(fill="both", expand=True)
        body.columnconfigure(0, weight=1)
        body.rowconfigure(1, weight=1)

        # Top: the tools, across the window.
        tools = ttk.Frame(body, padding=(0, 0, 0, 12))
        tools.grid(row=0, column=0, columnspan=2, sticky="ew")
        for label, command in [("Undo  Ctrl+Z", self.undo), ("Clear  Esc", self.clear),
                               ("Open…  Ctrl+O", self.open_image), ("Save…  Ctrl+S", self.save_drawing)]:
            ttk.Button(tools, text=label, command=command, takefocus=False).pack(side="left", padx=(0, 6))
        self.pen_width = tk.IntVar(value=DEFAULT_PEN)
        ttk.Label(tools, textvariable=self.pen_width, width=3, anchor="e").pack(side="right")
        ttk.Scale(tools, from_=4, to=40, variable=self.pen_width, length=120, takefocus=False,
                  command=lambda value: self.pen_width.set(round(float(value)))).pack(side="right", padx=4)
        ttk.Label(tools, text="Pen").pack(side="right", padx=(16, 0))

        # Left: the paper, kept square as the window grows.
        self.paper_frame = ttk.Frame(body, width=CANVAS_SIDE + 4, height=CANVAS_SIDE + 4)
        self.paper_frame.grid(row=1, column=0, sticky="nsew")
        border = tk.Frame(self.paper_frame, background=PAPER_EDGE, padx=1, pady=1)
        border.place(relx=0.5, y=0, anchor="n")
        self.canvas = tk.Canvas(border, width=CANVAS_SIDE, height=CANVAS_SIDE, background="white",
                                highlightthickness=0, borderwidth=0, cursor="pencil")
        self.canvas.pack()
        self.paper_frame.bind("<Configure>", self._fit_canvas)
        self.canvas.bind("<ButtonPress-1>", self._pen_down)
        self.canvas.bind("<B1-Motion>", self._pen_move)
        self.canvas.bind("<ButtonRelease-1>", self._pen_up)

        # Right: the guess, the ten bars and what the network saw.
        panel = ttk.Frame(body, padding=(24, 0, 0, 0))
        panel.grid(row=1, column=1, sticky="ns")
        ttk.Label(panel, text="The network reads", style="Heading.TLabel").pack(anchor="w")
        guess_row = ttk.Frame(panel)
        guess_row.pack(anchor="w", fill="x")
        self.guess = ttk.Label(guess_row, text="", style="Guess.TLabel", width=2, anchor="center")
        self.guess.pack(side="left")
        self.confidence = ttk.Label(guess_row, text="", style="Confidence.TLabel", width=14)
        self.confidence.pack(side="left", padx=(8, 0))

        self.bars = tk.Canvas(panel, width=264, height=10 * 24 + 4, background=BACKGROUND, highlightthickness=0)
        self.bars.pack(anchor="w", pady=(4, 14))
        digit_font, value_font = self.bar_fonts["normal"]
        self.bar_items = []
        for digit in range(10):
            top = 2 + digit * 24
            label = self.bars.create_text(8, top + 10, text=str(digit), font=digit_font, fill=TEXT)
            self.bars.create_rectangle(24, top + 3, 194, top + 17, fill=BAR_EMPTY, outline="")
            bar = self.bars.create_rectangle(24, top + 3, 24, top + 17, fill=BAR_FILL, outline="")
            value = self.bars.create_text(262, top + 10, text="–", anchor="e", font=value_font, fill=MUTED)
            self.bar_items.append((label, bar, value))

        ttk.Label(panel, text="What the network saw (28×28)", style="Heading.TLabel").pack(anchor="w")
        side = 28 * MODEL_VIEW_SCALE
        self._model_photo = ImageTk.PhotoImage(Image.new("L", (side, side), 0))
        self.model_view = tk.Label(panel, image=self._model_photo, background="black", borderwidth=0)
        self.model_view.pack(anchor="w", pady=(6, 0))

        self.status = ttk.Label(self.root, text=f"Loading model {model_name}…", style="Status.TLabel", anchor="w")
        self.status.pack(side="bottom", fill="x", before=body)
        ttk.Separator(self.root).pack(side="bottom", fill="x", before=body)

    def _build_menu(self) -> None:
        menu = tk.Menu(self.root)
        file_menu = tk.Menu(menu, tearoff=False)
        file_menu.add_command(label="Open image…", accelerator="Ctrl+O", command=self.open_image)
        file_menu.add_command(label="Save drawing…", accelerator="Ctrl+S", command=self.save_drawing)
        file_menu.add_separator()
        file_menu.add_command(label="Quit", accelerator="Ctrl+Q", command=self.root.destroy)
        edit_menu = tk.Menu(menu, tearoff=False)
        edit_menu.add_command(label="Undo stroke", accelerator="Ctrl+Z", command=self.undo)
        edit_menu.add_command(label="Clear", accelerator="Esc", command=self.clear)
        menu.add_cascade(label="File", menu=file_menu)
        menu.add_cascade(label="Edit", menu=edit_menu)
        self.root.configure(menu=menu)

    def _bind_keys(self) -> None:
        for keys, action in [(("<Control-z>", "<Control-Z>"), self.undo), (("<Escape>",), self.clear),
                             (("<Control-o>", "<Control-O>"), self.open_image),
                             (("<Control-s>", "<Control-S>"), self.save_drawing),
                             (("<Control-q>", "<Control-Q>"), self.root.destroy)]:
            for key in keys:
                self.root.bind(key, lambda event, action=action: action())

    def _fit_canvas(self, event: tk.Event) -> None:
        """Keep the paper square and as large as the space allows; redraw at the new size."""
        side = max(100, min(event.width, event.height) - 4)
        if (side, side) == self.drawing.size:
            return
        self.canvas.configure(width=side, height=side)
        self.drawing.resize(side, side)
        self._redraw_canvas()

    # ----------------------------------------------------------------- drawing

    def _pen_down(self, event: tk.Event) -> None:
        self._drawing_stroke = True
        width = self.pen_width.get()
        self.drawing.begin_stroke((event.x, event.y), width)
        radius = width / 2
        self.canvas.create_oval(event.x - radius, event.y - radius, event.x + radius, event.y + radius,
                                fill="black", outline="")
        self._request_update()

    def _pen_move(self, event: tk.Event) -> None:
        if not self._drawing_stroke:
            return
        stroke = self.drawing.steps[-1]
        (x0, y0), point = stroke.points[-1], (event.x, event.y)
        self.drawing.extend_stroke(point)
        self.canvas.create_line(x0, y0, *point, width=stroke.width, fill="black",
                                capstyle="round", joinstyle="round")
        self._request_update()

    def _pen_up(self, event: tk.Event) -> None:
        if self._drawing_stroke:
            self._drawing_stroke = False
            self.update_prediction()

    def _redraw_canvas(self) -> None:
        """Repaint the Tk canvas from the drawing, after undo, clear, open or resize."""
        self.canvas.delete("all")
        background = self.drawing.background()
        if background is not None:
            self._background_photo = ImageTk.PhotoImage(background)
            self.canvas.create_image(0, 0, image=self._background_photo, anchor="nw")
        for stroke in self.drawing.visible_strokes():
            x, y = stroke.points[0]
            radius = stroke.width / 2
            self.canvas.create_oval(x - radius, y - radius, x + radius, y + radius, fill="black", outline="")
            if len(stroke.points) > 1:
                self.canvas.create_line(*[c for point in stroke.points for c in point], width=stroke.width,
                                        fill="black", capstyle="round", joinstyle="round")

    def undo(self) -> None:
        if self.drawing.undo():
            self._redraw_canvas()
            self.update_prediction()

    def clear(self) -> None:
        self.drawing.clear()
        self._redraw_canvas()
        self.update_prediction()

    # -------------------------------------------------------------- prediction

    def _request_update(self) -> None:
        """Refresh the guess soon, but at most once per UPDATE_INTERVAL_MS while drawing."""
        if self._update_pending is None:
            self._update_pending = self.root.after(UPDATE_INTERVAL_MS, self.update_prediction)

    def update_prediction(self) -> None:
        if self._update_pending is not None:
            self.root.after_cancel(self._update_pending)
            self._update_pending = None
        if self.predictor is None:
            return
        prediction = None if self.drawing.is_empty() else self.predictor.predict(self.drawing.to_array())
        self.show_prediction(prediction)

    def show_prediction(self, prediction) -> None:
        """Show a Prediction (digit, confidence, probabilities, model_input) or None."""
        probabilities = prediction.probabilities if prediction else (0.0,) * 10
        for digit, (probability, (label, bar, value)) in enumerate(zip(probabilities, self.bar_items)):
            best = prediction is not None and digit == prediction.digit
            digit_font, value_font = self.bar_fonts["bold" if best else "normal"]
            top = 2 + digit * 24
            shown = probability >= 0.0005  # at least 0.1%
            self.bars.coords(bar, 24, top + 3, 24 + max(1.0, 170 * probability), top + 17)
            self.bars.itemconfigure(bar, state="normal" if shown else "hidden", fill=ACCENT if best else BAR_FILL)
            self.bars.itemconfigure(label, font=digit_font)
            self.bars.itemconfigure(value, text=f"{probability:.1%}" if prediction else "–", font=value_font,
                                    fill=TEXT if prediction else MUTED)

        if prediction is None:
            hint = "Draw a digit\non the paper" if self.predictor else "Loading\nthe model…"
            self.guess.configure(text="?", foreground=BAR_EMPTY)
            self.confidence.configure(text=hint, foreground=MUTED)
            self._model_photo.paste(Image.new("L", (28 * MODEL_VIEW_SCALE,) * 2, 0))
            self.shown_guess = None
            return

        unsure = prediction.confidence < UNSURE_BELOW
        if unsure:
            runner_up = sorted(range(10), key=lambda d: -probabilities[d])[1]
            text = (f"Not sure\n{prediction.confidence:.0%} — or\n"
                    f"{runner_up} ({probabilities[runner_up]:.0%})")
        else:
            text = f"{prediction.confidence:.1%}\nsure"
        self.guess.configure(text=f"{prediction.digit}?" if unsure else str(prediction.digit),
                             foreground=UNSURE if unsure else ACCENT)
        self.confidence.configure(text=text, foreground=UNSURE if unsure else TEXT)
        view = Image.fromarray((prediction.model_input * 255).astype("uint8"))
        self._model_photo.paste(view.resize((28 * MODEL_VIEW_SCALE,) * 2, Image.Resampling.NEAREST))

        guess = (prediction.digit, f"{prediction.confidence:.1%}")
        if guess != self.shown_guess:
            log.info("prediction: %d (%s)", *guess)
            self.shown_guess = guess

    # --------------------------------------------------------------- the model

    def _load_model(self, predictor_factory) -> None:
        try:
            self._loaded.put(predictor_factory())
        except Exception as error:  # shown in the window; the app stays usable for drawing
            self._loaded.put(error)

    def _check_model_loaded(self) -> None:
        try:
            result = self._loaded.get_nowait()
        except queue.Empty:
            self.root.after(20, self._check_model_loaded)
            return
        if isinstance(result, Exception):
            log.error("model not loaded: %s", result)
            self.status.configure(text=f"No model: {result}", style="Error.TLabel")
            self.confidence.configure(text="No model —\nsee below", foreground=ERROR)
            return
        self.predictor = result
        log.info("model %s ready", result.model_path.name)
        log.debug("canvas at screen %d,%d size %dx%d", self.canvas.winfo_rootx(), self.canvas.winfo_rooty(),
                  self.canvas.winfo_width(), self.canvas.winfo_height())
        self.status.configure(text=f"Model {result.model_path.name} ready. Draw a digit; "
                                   "the guess updates as you draw.", style="Status.TLabel")
        self.update_prediction()

    def is_ready(self) -> bool:
        return self.predictor is not None

    # ------------------------------------------------------------------- files

    def open_image(self) -> None:
        path = filedialog.askopenfilename(parent=self.root, title="Open an image of a digit",
                                          filetypes=IMAGE_FILETYPES)
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Show an image file on the paper and read it; on failure keep the drawing."""
        from draw_app.images import ImageError, read_image
        from draw_app.preprocess import ink_map

        try:
            ink = ink_map(read_image(path))
        except ImageError as error:
            messagebox.showerror(TITLE, f"Cannot open {path.name}:\n{error}", parent=self.root)
            return False
        peak = max(int(ink.max()), 1)
        self.drawing.add_picture(Image.fromarray(255 - (ink.astype("float32") * (255 / peak)).astype("uint8")))
        self._redraw_canvas()
        self.status.configure(text=f"Opened {path.name}. Draw on it, or Undo (Ctrl+Z) to go back.",
                              style="Status.TLabel")
        self.update_prediction()
        return True

    def save_drawing(self) -> None:
        if self.drawing.is_empty():
            messagebox.showinfo(TITLE, "There is nothing to save yet: draw a digit first.", parent=self.root)
            return
        name = f"digit_{self.shown_guess[0]}.png" if self.shown_guess else "digit.png"
        path = filedialog.asksaveasfilename(parent=self.root, title="Save the drawing as PNG",
                                            defaultextension=".png", initialfile=name,
                                            filetypes=[("PNG image", "*.png")], confirmoverwrite=True)
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the drawing as PNG via a temporary file, so a failed save harms nothing."""
        try:
            write_atomically(path, lambda temporary: self.drawing.image.save(temporary, "PNG"))
        except OSError as error:
            messagebox.showerror(TITLE, f"Cannot save {path.name}:\n{error.strerror or error}", parent=self.root)
            return False
        self.status.configure(text=f"Saved {path}", style="Status.TLabel")
        return True

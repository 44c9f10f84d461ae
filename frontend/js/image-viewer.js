// Shows an item's image large enough to judge: fitted to a box of about 320 px, zoomed by buttons,
// the wheel or +/- and moved by dragging or the arrow keys (the box scrolls, so it takes focus).
// Pixel values arrive as numbers and are drawn on a canvas, one canvas pixel per image pixel.
(() => {
  "use strict";

  const MIN_ZOOM = 1;
  const MAX_ZOOM = 16;
  const STEP = 1.5;

  // Grey levels from the project's value range: higher values darker, as ink on paper
  // (how digit datasets are drawn); a missing value stays transparent.
  function pictureCanvas(picture) {
    const canvas = document.createElement("canvas");
    canvas.width = picture.width;
    canvas.height = picture.height;
    const context = canvas.getContext("2d");
    const image = context.createImageData(picture.width, picture.height);
    const span = picture.high - picture.low || 1;
    picture.values.forEach((value, i) => {
      if (value == null) return;
      const level = Math.min(1, Math.max(0, (value - picture.low) / span));
      const grey = Math.round(255 * (1 - level));
      image.data.set([grey, grey, grey, 255], i * 4);
    });
    context.putImageData(image, 0, 0);
    return canvas;
  }

  function toolButton(label, symbol, onClick) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-quiet viewer-button";
    button.setAttribute("aria-label", label);
    button.title = label;
    button.textContent = symbol;
    button.addEventListener("click", onClick);
    return button;
  }

  // element: an <img> (its size known once loaded) or a <canvas>; texts: zoomIn, zoomOut, zoomFit, imageHelp.
  function create(element, texts) {
    const box = document.createElement("figure");
    box.className = "viewer";
    const stage = document.createElement("div");
    stage.className = "viewer-stage";
    stage.tabIndex = 0;
    stage.setAttribute("role", "group");
    stage.setAttribute("aria-label", texts.imageHelp);
    element.classList.add("viewer-content");
    element.draggable = false;
    stage.appendChild(element);

    let zoom = MIN_ZOOM;
    const size = () => element instanceof HTMLCanvasElement
      ? [element.width, element.height]
      : [element.naturalWidth, element.naturalHeight];

    function layout() {
      const [w, h] = size();
      if (!w || !h || !stage.clientWidth) return;
      const scale = Math.min(stage.clientWidth / w, stage.clientHeight / h) * zoom;
      element.style.width = Math.round(w * scale) + "px";
      element.style.height = Math.round(h * scale) + "px";
      element.classList.toggle("pixelated", scale >= 2);
      box.dataset.zoom = zoom.toFixed(2);
    }

    function zoomTo(next) {
      const target = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, next));
      if (target === zoom) return;
      // keep the point in the middle of the box where it was
      const cx = (stage.scrollLeft + stage.clientWidth / 2) / Math.max(1, stage.scrollWidth);
      const cy = (stage.scrollTop + stage.clientHeight / 2) / Math.max(1, stage.scrollHeight);
      zoom = target;
      layout();
      stage.scrollLeft = cx * stage.scrollWidth - stage.clientWidth / 2;
      stage.scrollTop = cy * stage.scrollHeight - stage.clientHeight / 2;
    }

    const zoomIn = () => zoomTo(zoom * STEP);
    const zoomOut = () => zoomTo(zoom / STEP);
    const fit = () => zoomTo(MIN_ZOOM);

    stage.addEventListener("wheel", (event) => {
      event.preventDefault();
      zoomTo(event.deltaY < 0 ? zoom * STEP : zoom / STEP);
    }, { passive: false });

    let drag = null;
    stage.addEventListener("pointerdown", (event) => {
      drag = { x: event.clientX, y: event.clientY, left: stage.scrollLeft, top: stage.scrollTop };
      stage.setPointerCapture(event.pointerId);
      stage.classList.add("dragging");
    });
    stage.addEventListener("pointermove", (event) => {
      if (!drag) return;
      stage.scrollLeft = drag.left - (event.clientX - drag.x);
      stage.scrollTop = drag.top - (event.clientY - drag.y);
    });
    const endDrag = () => { drag = null; stage.classList.remove("dragging"); };
    stage.addEventListener("pointerup", endDrag);
    stage.addEventListener("pointercancel", endDrag);

    const tools = document.createElement("div");
    tools.className = "viewer-tools";
    tools.append(toolButton(texts.zoomOut, "−", zoomOut), toolButton(texts.zoomFit, texts.zoomFitShort || "1:1", fit),
      toolButton(texts.zoomIn, "+", zoomIn));
    box.append(stage, tools);

    if (element instanceof HTMLImageElement && !element.complete) element.addEventListener("load", layout);
    new ResizeObserver(layout).observe(stage);
    return { element: box, zoomIn, zoomOut, fit };
  }

  window.LabelloopViewer = { create, pictureCanvas };
})();

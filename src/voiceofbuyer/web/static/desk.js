// The review desk's only script: play a recording from a quote's time, and "select all" on theme pages.
// Everything else is plain forms, so the desk works with scripts off.
"use strict";

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-play-from]");
  if (!button) return;
  const audio = document.getElementById("recording");
  if (!audio) return;
  const start = Number(button.dataset.playFrom);
  const play = () => {
    audio.currentTime = start;
    audio.play();
  };
  if (audio.readyState >= HTMLMediaElement.HAVE_METADATA) play();
  else audio.addEventListener("loadedmetadata", play, { once: true });
});

document.addEventListener("change", (event) => {
  const box = event.target.closest("[data-select-all]");
  if (!box) return;
  for (const item of box.closest("form").querySelectorAll('input[name="statement"]')) item.checked = box.checked;
});

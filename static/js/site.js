// The platform's own script. Pages work without it; it only adds conveniences.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
// On narrow screens the menu button shows and hides the menu (Bootstrap's collapse, whose script
// the platform does not load for this one use).
document.addEventListener("click", (event) => {
  const toggler = event.target.closest(".navbar-toggler[aria-controls]");
  if (!toggler) return;
  const open = document.getElementById(toggler.getAttribute("aria-controls")).classList.toggle("show");
  toggler.setAttribute("aria-expanded", String(open));
});

// Enquiry pages: a "Print" button (the page works without it: the browser's own print does the same).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
document.querySelectorAll("[data-print]").forEach((button) => { button.hidden = false; });

// Saves a file streamed from the server (Blazor DotNetStreamReference) under the given name.
window.supervisionDownload = async (fileName, streamReference) => {
  const buffer = await streamReference.arrayBuffer();
  const url = URL.createObjectURL(new Blob([buffer]));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
};

// Shows a PDF generated on the server in an <iframe> (document previews before issuing).
window.supervisionShowPdf = async (frameId, streamReference) => {
  const buffer = await streamReference.arrayBuffer();
  const frame = document.getElementById(frameId);
  if (!frame) return;
  if (frame.dataset.url) URL.revokeObjectURL(frame.dataset.url);
  const url = URL.createObjectURL(new Blob([buffer], { type: 'application/pdf' }));
  frame.dataset.url = url;
  frame.src = url;
};

// Copies text (an API key shown once) to the clipboard; falls back to a selected textarea where the
// Clipboard API is unavailable (plain http on an intranet address). Returns whether it worked.
window.supervisionCopy = async (text) => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
};

// Scrolls the first element matching a selector into view (the first field in error on a long form).
window.supervisionScrollTo = (selector) => {
  const element = document.querySelector(selector);
  if (element) element.scrollIntoView({ behavior: 'smooth', block: 'center' });
  return !!element;
};

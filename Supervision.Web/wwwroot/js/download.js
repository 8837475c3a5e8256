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

// The events example of the documentation page: a script file, not an inline script, as a
// page under a strict Content Security Policy (script-src 'self') needs.
for (const type of ['policy-cell-select', 'policy-cell-change', 'policy-citation-open']) {
  document.addEventListener(type, (event) => {
    const { cell, label, citations } = event.detail;
    console.log(type, event.target.id, cell?.dimension, cell?.jurisdiction, label ?? '', citations?.length ?? '');
  });
}

// Demo page code, the kind a portal author writes around the elements: show the selected conference,
// refresh the list after a create, log events. Loaded before the library (module scripts keep document
// order), so no early event is missed.
const log = (line) => {
  const box = document.getElementById('log');
  box.textContent = line + box.textContent;
};
for (const type of ['tc-session-change', 'tc-conference-select', 'tc-meeting-created', 'tc-join', 'tc-error']) {
  document.addEventListener(type, (e) => {
    const detail = e.detail?.error?.message ?? e.detail?.conference?.title ?? e.detail?.state ?? '';
    log(`${new Date().toLocaleTimeString()} ${type} ${detail}\n`);
  });
}
document.addEventListener('tc-conference-select', (e) => {
  document.getElementById('details').conference = e.detail.conference;
});
document.addEventListener('tc-meeting-created', () => document.getElementById('list').refresh?.());

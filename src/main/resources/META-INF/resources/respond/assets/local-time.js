// Shows every <time datetime> of the answer pages in the reader's own time zone and language. The page states the
// time in UTC without this script; nothing else depends on it.
(function () {
  'use strict';
  function localise() {
    var times = document.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) {
      var when = new Date(times[i].getAttribute('datetime'));
      if (isNaN(when.getTime())) {
        continue;
      }
      try {
        times[i].textContent = when.toLocaleString(document.documentElement.lang || undefined,
          { dateStyle: 'full', timeStyle: 'short', timeZoneName: undefined });
      } catch (e) {
        times[i].textContent = when.toLocaleString();
      }
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', localise);
  } else {
    localise();
  }
})();

// The "open today" line: "Avoinna tänään 9.00–16.00", "Avataan ti 9.00" or "Suljettu tänään", written into
// every element with data-open-hours (the macro open_status) from the hours embedded in the page
// (pkc.localize.hours_data), in Finnish time whatever the device's time zone. This script's own data-*
// attributes carry the texts of the page's language. The line is written once, as ordinary text: nothing is
// announced and nothing changes later. Without JavaScript the element stays hidden and the weekly hours answer.
"use strict";

(() => {
  const texts = document.currentScript.dataset; // openToday, opens, closedToday, days, time
  const dayNames = texts.days.split(" "); // from Monday
  const CODES = ["mo", "tu", "we", "th", "fr", "sa", "su"];
  const LOOK_AHEAD = 7; // days: the next opening is named by its weekday, so no further than a week

  // Today's date ("2026-11-23") and the minutes since midnight, in Helsinki.
  function helsinkiNow() {
    const parts = {};
    const format = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Helsinki", hourCycle: "h23",
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
    });
    for (const part of format.formatToParts(new Date())) parts[part.type] = part.value;
    return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
  }

  // The day `offset` days after the ISO date `date`: its ISO date and weekday (0 is Monday).
  function dayAfter(date, offset) {
    const [year, month, day] = date.split("-").map(Number);
    const when = new Date(Date.UTC(year, month - 1, day + offset));
    return { date: when.toISOString().slice(0, 10), weekday: (when.getUTCDay() + 6) % 7 };
  }

  const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const span = (row) => Date.parse(row[1]) - Date.parse(row[0]);

  // "09:30" as the site writes times in the page's language: "H.mm" gives "9.30", "HH:mm" gives "09:30".
  function time(hhmm) {
    const [hours, mins] = hhmm.split(":");
    return texts.time.replace("HH", hours).replace("H", String(Number(hours))).replace("mm", mins);
  }

  // The opening times of one day, [[opens, closes], …] in order: [] when closed, null when the page does not
  // say (outside the validity of the weekly hours, no exception). Exceptions decide the days they cover; of
  // overlapping ones the shortest decides (a closed holiday within a period of shorter hours is closed).
  function timesOn(hours, day) {
    const covering = (hours.x || []).filter((row) => row[0] <= day.date && day.date <= row[1]);
    if (covering.length) {
      const shortest = Math.min(...covering.map(span));
      return covering.filter((row) => span(row) === shortest && row.length > 2)
        .map((row) => [row[2], row[3]]).sort();
    }
    if ((hours.from && day.date < hours.from) || (hours.to && day.date > hours.to)) return null;
    return hours.w.filter((row) => row[0].match(/../g).includes(CODES[day.weekday]))
      .map((row) => [row[1], row[2]]).sort();
  }

  // { open, text } for the line, or null when the hours cannot tell.
  function status(hours, now) {
    const today = timesOn(hours, dayAfter(now.date, 0));
    if (today === null) return null;
    if (today.some(([, closes]) => minutes(closes) > now.minutes)) {
      const times = today.map(([opens, closes]) => `${time(opens)}–${time(closes)}`).join(", ");
      return { open: true, text: texts.openToday.replace("{times}", times) };
    }
    for (let offset = 1; offset <= LOOK_AHEAD; offset += 1) {
      const day = dayAfter(now.date, offset);
      const times = timesOn(hours, day);
      if (times === null) break; // name no opening beyond what the page knows
      if (times.length) {
        return { open: false, text: texts.opens.replace("{day}", dayNames[day.weekday]).replace("{time}", time(times[0][0])) };
      }
    }
    // closed all day: say so; after today's hours with no opening known, "closed today" would be untrue
    return today.length ? null : { open: false, text: texts.closedToday };
  }

  const now = helsinkiNow();
  for (const element of document.querySelectorAll(".open-status[data-open-hours]")) {
    const shown = status(JSON.parse(element.dataset.openHours), now);
    if (shown === null) continue;
    element.textContent = shown.text;
    element.classList.add(shown.open ? "is-open" : "is-closed");
    element.hidden = false;
  }
})();

// All my chats on one page (issue 10, item 11): one UitwegChat.Panel per chat, shown as ARIA
// tabs (WAI-ARIA APG "Tabs with automatic activation": arrow keys, Home, End, roving tabindex).
// A tab counts the young person's messages that came in while it was not selected and marks a
// chat that ended. Without this script the chats simply stand one under the other.
(function () {
  "use strict";
  var container = document.querySelector("[data-chat-tabs]");
  if (!container) { return; }
  var tablist = container.querySelector("[data-chat-tablist]");
  var announcer = container.querySelector("[data-chat-announce]");
  var t = function (name) { return container.getAttribute("data-t-" + name) || ""; };
  var chats = [];   // {id, tab, panel (element), chat (Panel), unread}
  var selected = null;

  function find(id) {
    for (var i = 0; i < chats.length; i++) { if (chats[i].id === id) { return chats[i]; } }
    return null;
  }

  function label(entry) { return entry.tab.querySelector("[data-chat-tab-label]").textContent.trim(); }

  function announce(text) {
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);   // read again if equal
  }

  function showUnread(entry) {
    var badge = entry.tab.querySelector("[data-chat-unread]");
    badge.querySelector("[data-chat-unread-count]").textContent = String(entry.unread);
    badge.hidden = entry.unread === 0;
  }

  function select(entry, focus) {
    chats.forEach(function (other) {
      var on = other === entry;
      other.tab.setAttribute("aria-selected", on ? "true" : "false");
      other.tab.tabIndex = on ? 0 : -1;
      other.panel.hidden = !on;
    });
    selected = entry;
    entry.unread = 0;
    showUnread(entry);
    if (focus) { entry.tab.focus(); }
    entry.chat.scrollToEnd();
    entry.chat.sendRead();
    try {   // a reload opens the same tab
      var url = new URL(window.location.href);
      url.searchParams.set("chat", entry.id);
      window.history.replaceState(window.history.state, "", url.toString());
    } catch (e) { /* ignore */ }
  }

  function mark(entry, text) {
    var marker = entry.tab.querySelector("[data-chat-marker]");
    marker.textContent = text;
    marker.hidden = false;
    entry.tab.setAttribute("data-ended", "1");
    announce(label(entry) + ": " + text);
  }

  container.querySelectorAll("[data-chat-panel]").forEach(function (panel) {
    var id = panel.getAttribute("data-conversation");
    var entry = { id: id, panel: panel, unread: 0, readAtStart: 0, seqAtStart: 0,
                  tab: tablist.querySelector('[data-chat-tab="' + id + '"]') };
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", entry.tab.id);
    panel.tabIndex = 0;
    panel.hidden = true;
    entry.chat = new window.UitwegChat.Panel(panel, {
      texts: container,
      isActive: function () { return selected === entry; },
      onWelcome: function (frame) {
        entry.readAtStart = frame.counsellor_read || 0;
        entry.seqAtStart = frame.last_seq || 0;
        if (frame.status === "ended") { mark(entry, t("tab-ended")); }   // ended before the socket came
      },
      onYouthMessage: function (frame) {
        // unread: not seen in this tab, and not read before (on this page or another)
        if (selected === entry || frame.seq <= entry.readAtStart) { return; }
        entry.unread += 1;
        showUnread(entry);
        if (frame.seq > entry.seqAtStart) { announce(t("new-message").replace("{label}", label(entry))); }
      },
      onEnded: function (reason) {
        mark(entry, reason === "quick_exit" || reason === "left" ? t("gone-" + reason) : t("tab-ended"));
      },
      onStop: function (reason) {   // transferred, or no longer mine: the tab says so too
        if (reason === "transferred" || reason === "not_found") { mark(entry, t("err-" + reason)); }
      },
    });
    chats.push(entry);
  });

  tablist.addEventListener("click", function (event) {
    var tab = event.target.closest("[data-chat-tab]");
    if (tab) { select(find(tab.getAttribute("data-chat-tab")), true); }
  });
  tablist.addEventListener("keydown", function (event) {
    var index = chats.indexOf(selected), next = null;
    if (event.key === "ArrowRight") { next = chats[(index + 1) % chats.length]; }
    else if (event.key === "ArrowLeft") { next = chats[(index - 1 + chats.length) % chats.length]; }
    else if (event.key === "Home") { next = chats[0]; }
    else if (event.key === "End") { next = chats[chats.length - 1]; }
    if (next) { event.preventDefault(); select(next, true); }
  });

  tablist.hidden = false;
  container.classList.add("chat-tabs--enhanced");
  select(find(container.getAttribute("data-selected")) || chats[0], false);
  // Tests and other scripts: the connection of the chat that is shown.
  window.UitwegChat.current = function () { return selected.chat.connection(); };
  window.UitwegChat.panels = chats;
})();

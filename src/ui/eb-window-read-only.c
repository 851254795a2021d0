/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-window-private.h"

/* A board opened read-only (a file nobody may write, on a read-only
 * disk, or open in another window or program): a bar says why and offers
 * to save a copy to edit, and edits are refused until then. Refused
 * before they change anything: the canvas and the card list are bound
 * not to be editable, so are the inspector's fields (its links still
 * lead to the cards they join) and the window's editing actions are off.
 * A read-only store has no working copy, so nothing would reach a file
 * even if an edit got through. */

static const char *
read_only_message (EbStoreReadOnly reason)
{
  switch (reason)
    {
    case EB_STORE_READ_ONLY_BUSY:
      /* Translators: the bar over a board that another window or program has open */
      return _("This board is open in another window. You can look at it here; to change it, save a copy.");
    case EB_STORE_READ_ONLY_MEDIUM:
      /* Translators: the bar over a board on a CD, a locked USB stick, a read-only share… */
      return _("This file is on a read-only disk. You can look at it here; to change it, save a copy.");
    case EB_STORE_READ_ONLY_FILE:
      /* Translators: the bar over a board file the user may not write */
      return _("This file is read-only. You can look at it here; to change it, save a copy.");
    case EB_STORE_READ_ONLY_NONE:
    default:
      return NULL;
    }
}

/* The bar says why the board is read-only; the inspector's fields are
 * insensitive while it is (bound in _eb_window_read_only_init(); style.css
 * makes them look like text to read, not boxes to type in). */
void
_eb_window_update_read_only (EbWindow *self)
{
  EbStoreReadOnly reason = eb_store_get_read_only (self->store);
  gboolean read_only = reason != EB_STORE_READ_ONLY_NONE;

  if (read_only)
    gtk_label_set_text (self->read_only_label, read_only_message (reason));
  gtk_revealer_set_reveal_child (self->read_only_bar, read_only);
  if (read_only)
    gtk_widget_add_css_class (GTK_WIDGET (self->details_stack), "eb-read-only-inspector");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->details_stack), "eb-read-only-inspector");
  gtk_widget_set_sensitive (self->add_menu_button, !read_only);
  /* A read-only notice still up is left to time out: libadwaita 1.2
   * crashes when a toast is dismissed while it is still animating in
   * (seen after a quick Save a Copy to Edit). */
}

static void
on_read_only_toast_dismissed (EbWindow *self)
{
  g_clear_weak_pointer (&self->read_only_toast);
}

/* Once, however many edits are tried while it is up. */
static void
show_read_only_toast (EbWindow *self)
{
  AdwToast *toast;

  if (self->read_only_toast != NULL)
    return;

  /* Translators: a notice after trying to change a read-only board */
  toast = adw_toast_new (_("This board is read-only: save a copy to edit it"));
  /* Translators: the button of that notice */
  adw_toast_set_button_label (toast, _("Save a _Copy…"));
  adw_toast_set_action_name (toast, "win.save-to-edit");
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_read_only_toast_dismissed),
                           self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->read_only_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_store_read_only_notify (EbWindow *self)
{
  _eb_window_update_read_only (self);
  _eb_window_update_title (self);
  _eb_window_update_actions (self);
}

void
_eb_window_read_only_init (EbWindow *self)
{
  g_object_bind_property (self->store, "read-only", self->canvas, "editable",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self->store, "read-only", self->card_list, "editable",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self->store, "read-only", self->details, "editable",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self->store, "read-only", self->link_details, "editable",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_signal_connect_object (self->canvas, "edit-refused",
                           G_CALLBACK (show_read_only_toast), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::read-only",
                           G_CALLBACK (on_store_read_only_notify), self, G_CONNECT_SWAPPED);
}

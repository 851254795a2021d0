/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-history-binding"

#include "config.h"

#include "eb-history-binding.h"

/* What the inspector panes (EbCardDetails, EbLinkDetails) share: holding
 * the history edits go through together with its board, whose signals
 * they follow, and holding the one item they show, whose ::notify they
 * follow. The panes keep the pointers in their own structs; these
 * helpers only swap them, so each pane still decides what to update. */

/**
 * eb_history_binding_set_history:
 * @owner: the pane; every handler it has on the old board is disconnected
 * @history_slot: (inout): where @owner keeps its history
 * @board_slot: (inout): where @owner keeps that history's board
 * @history: (nullable): the new history
 * @first_signal: the name of a board signal to follow, then its
 *   callback (called swapped, with @owner first), and so on, %NULL-terminated
 *
 * Replaces the history and board @owner holds, connecting the given
 * board signals for as long as @owner lives. The caller clears the item
 * it shows before and notifies its property after.
 */
void
eb_history_binding_set_history (gpointer     owner,
                                EbHistory  **history_slot,
                                EbBoard    **board_slot,
                                EbHistory   *history,
                                const char  *first_signal,
                                ...)
{
  va_list ap;

  g_assert (G_IS_OBJECT (owner));
  g_assert (history == NULL || EB_IS_HISTORY (history));

  if (*board_slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*board_slot, owner);
      g_clear_object (board_slot);
    }
  g_clear_object (history_slot);

  if (history == NULL)
    return;

  *history_slot = g_object_ref (history);
  *board_slot = g_object_ref (eb_history_get_board (history));

  va_start (ap, first_signal);
  for (const char *signal = first_signal; signal != NULL; signal = va_arg (ap, const char *))
    g_signal_connect_object (*board_slot, signal, va_arg (ap, GCallback), owner, G_CONNECT_SWAPPED);
  va_end (ap);
}

/**
 * eb_history_binding_follow:
 * @owner: the pane
 * @item_slot: (inout): the address of the `EbItem *` field where @owner keeps the item it shows
 * @item: (nullable) (type EbItem): the item to show from now on
 * @on_notify: called swapped (with @owner first) on the item's ::notify
 *
 * Stops following the item in @item_slot and follows @item instead.
 */
void
eb_history_binding_follow (gpointer   owner,
                           gpointer   item_slot,
                           gpointer   item,
                           GCallback  on_notify)
{
  GObject **slot = item_slot;

  g_assert (G_IS_OBJECT (owner));
  g_assert (item == NULL || EB_IS_ITEM (item));

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, (gpointer) on_notify, owner);
      g_clear_object (slot);
    }

  if (item != NULL)
    {
      *slot = g_object_ref (item);
      g_signal_connect_object (item, "notify", on_notify, owner, G_CONNECT_SWAPPED);
    }
}

/**
 * eb_history_binding_add_shortcuts:
 * @widget: a pane of fields that edit the board through its history
 *
 * Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y in the pane's fields undo and redo the
 * board (win.undo, win.redo), caught before the text fields see them:
 * their own undo is off, since every edit is already a board step, but a
 * one-line field would still swallow the keys.
 */
void
eb_history_binding_add_shortcuts (GtkWidget *widget)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_z, GDK_CONTROL_MASK, "win.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_y, GDK_CONTROL_MASK, "win.redo" },
  };

  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (widget, controller);
}

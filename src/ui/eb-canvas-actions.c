/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-canvas-private.h"

/* The canvas's actions (canvas.delete, canvas.copy, …), the one function
 * that decides which of them can run, and its key bindings, which act
 * only while the canvas itself has the focus. */

void
_eb_canvas_update_actions (EbCanvas *self)
{
  gboolean any = g_hash_table_size (self->selection) > 0;
  gboolean placed = _eb_canvas_selection_has_place (self);
  gboolean card = EB_IS_CARD (self->primary) || self->focus_card != NULL;
  gboolean cards = self->board != NULL &&
                   g_list_model_get_n_items (eb_board_get_cards (self->board)) > 0;
  /* A board that cannot be edited can still be looked at, searched and
   * copied from: only what changes it is off (greyed in the menu). */
  gboolean edit = self->history != NULL && self->editable;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete", edit && any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.edit", edit && (card || EB_IS_FRAME (self->primary)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.link", edit && card && cards);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.select-all", cards);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-here", edit);

  /* Paste stays on without a board item selected: an empty clipboard is
   * reported when it is read. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.copy", placed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.cut", edit && placed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.paste", edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.paste-here", edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.duplicate", edit && placed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.bring-forward", edit && any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.send-backward", edit && any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.frame-selection", edit && placed);
}

/* Moves the selected cards and frames by (@dx, @dy) board units, as one
 * undo step. */
void
_eb_canvas_nudge (EbCanvas *self,
                  double    dx,
                  double    dy)
{
  GHashTableIter iter;
  gpointer item;

  if (self->history == NULL || g_hash_table_size (self->selection) == 0 ||
      !_eb_canvas_may_edit (self))
    return;

  /* Translators: the name of an undo step, as in “Undo Move” (a noun) */
  eb_history_begin (self->history, C_("undo step", "Move"));
  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      double x, y;

      if (EB_IS_LINK (item))
        continue;
      g_object_get (item, "x", &x, "y", &y, NULL);
      eb_history_set (self->history, item, "x", x + dx, "y", y + dy, NULL);
    }
  eb_history_end (self->history);

  if (self->primary != NULL)
    eb_canvas_reveal_item (self, self->primary);
}

/* Points @popover at a rectangle of the canvas, in pixels, kept inside
 * the canvas: a popover pointing off the window has no monitor to go on. */
void
_eb_canvas_point_popover (EbCanvas   *self,
                          GtkPopover *popover,
                          double      x,
                          double      y,
                          double      width,
                          double      height)
{
  int w = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);
  int h = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 1);
  int x0 = CLAMP ((int) x, 0, w - 1), y0 = CLAMP ((int) y, 0, h - 1);
  int x1 = CLAMP ((int) (x + width), x0 + 1, w), y1 = CLAMP ((int) (y + height), y0 + 1, h);

  gtk_popover_set_pointing_to (popover, &(GdkRectangle) { x0, y0, x1 - x0, y1 - y0 });
}

void
_eb_canvas_open_context_menu (EbCanvas *self,
                              double    x,
                              double    y)
{
  if (self->viewport == NULL)
    return;

  eb_viewport_to_board (self->viewport, x, y, &self->context_x, &self->context_y);
  _eb_canvas_point_popover (self, self->context_menu, x, y, 1, 1);
  gtk_popover_popup (self->context_menu);
}

/* Actions and key bindings --------------------------------------------------- */

/* Keys reach the canvas's own bindings only when the canvas itself has
 * the focus: not while its title editor or a popover holds it, so arrow
 * keys at the end of a text do not move cards. */
static gboolean
keys_for_canvas (EbCanvas *self)
{
  return self->history != NULL && self->editor == NULL && gtk_widget_is_focus (GTK_WIDGET (self));
}

static EbCard *
current_card (EbCanvas *self)
{
  if (EB_IS_CARD (self->primary))
    return EB_CARD (self->primary);
  return self->focus_card;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  eb_canvas_delete_selection (EB_CANVAS (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  EbCanvas *self = EB_CANVAS (widget);
  EbCard *card = current_card (self);

  /* A frame clicked last is what the user means, not a card that kept
   * the focus ring. */
  if (EB_IS_FRAME (self->primary))
    eb_canvas_edit_frame (self, EB_FRAME (self->primary));
  else if (card != NULL)
    eb_canvas_edit_card (self, card);
}

static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  EbCanvas *self = EB_CANVAS (widget);
  EbCard *card = current_card (self);

  if (card != NULL)
    _eb_canvas_pick_target (self, card);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  EbCanvas *self = EB_CANVAS (widget);
  GListModel *cards;
  guint n;

  if (self->board == NULL)
    return;

  cards = eb_board_get_cards (self->board);
  n = g_list_model_get_n_items (cards);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbItem) card = g_list_model_get_item (cards, i);
      g_hash_table_add (self->selection, card);
    }
  if (self->primary == NULL && n > 0)
    {
      g_autoptr(EbItem) first = g_list_model_get_item (cards, 0);
      _eb_canvas_set_primary (self, first);
    }
  _eb_canvas_selection_changed (self);
}

static EbCardKind
kind_from_name (const char *name)
{
  if (g_strcmp0 (name, "person") == 0)
    return EB_CARD_KIND_PERSON;
  if (g_strcmp0 (name, "event") == 0)
    return EB_CARD_KIND_EVENT;
  if (g_strcmp0 (name, "source") == 0)
    return EB_CARD_KIND_SOURCE;
  return EB_CARD_KIND_NOTE;
}

static void
add_here_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  EbCanvas *self = EB_CANVAS (widget);

  eb_canvas_add_card (self, kind_from_name (g_variant_get_string (param, NULL)),
                      self->context_x, self->context_y);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  eb_canvas_copy_selection (EB_CANVAS (widget));
}

static void
cut_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  eb_canvas_cut_selection (EB_CANVAS (widget));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  eb_canvas_paste (EB_CANVAS (widget));
}

/* The context menu's Paste: where the menu was opened. */
static void
paste_here_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  EbCanvas *self = EB_CANVAS (widget);

  _eb_canvas_paste_at (self, _eb_canvas_snap (self, self->context_x),
                       _eb_canvas_snap (self, self->context_y));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  eb_canvas_duplicate_selection (EB_CANVAS (widget));
}

static void
bring_forward_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  eb_canvas_bring_forward (EB_CANVAS (widget));
}

static void
send_backward_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  eb_canvas_send_backward (EB_CANVAS (widget));
}

static void
frame_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  eb_canvas_frame_selection (EB_CANVAS (widget));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  eb_canvas_zoom_to_fit (EB_CANVAS (widget));
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  EbCanvas *self = EB_CANVAS (widget);
  EbCard *card = current_card (self);
  double x = gtk_widget_get_width (widget) / 2.0, y = gtk_widget_get_height (widget) / 2.0;

  if (card != NULL && self->viewport != NULL)
    eb_viewport_to_screen (self->viewport,
                           eb_card_get_x (card) + eb_card_get_width (card) / 2,
                           eb_card_get_y (card) + eb_card_get_height (card) / 2, &x, &y);
  _eb_canvas_open_context_menu (self, x, y);
}

static gboolean
delete_key (GtkWidget *widget,
            GVariant  *args,
            gpointer   data)
{
  EbCanvas *self = EB_CANVAS (widget);

  if (!keys_for_canvas (self) || g_hash_table_size (self->selection) == 0)
    return FALSE;
  eb_canvas_delete_selection (self);
  return TRUE;
}

static gboolean
edit_key (GtkWidget *widget,
          GVariant  *args,
          gpointer   data)
{
  EbCanvas *self = EB_CANVAS (widget);
  EbCard *card = self->focus_card ? self->focus_card : current_card (self);

  if (!keys_for_canvas (self))
    return FALSE;
  if (EB_IS_FRAME (self->primary))
    eb_canvas_edit_frame (self, EB_FRAME (self->primary));
  else if (card != NULL)
    eb_canvas_edit_card (self, card);
  else
    return FALSE;
  return TRUE;
}

static gboolean
link_key (GtkWidget *widget,
          GVariant  *args,
          gpointer   data)
{
  EbCanvas *self = EB_CANVAS (widget);
  EbCard *card = current_card (self);

  if (!keys_for_canvas (self) || card == NULL)
    return FALSE;
  _eb_canvas_pick_target (self, card);
  return TRUE;
}

static gboolean
nudge_key (GtkWidget *widget,
           GVariant  *args,
           gpointer   data)
{
  EbCanvas *self = EB_CANVAS (widget);
  int dx, dy;
  double step;

  if (!keys_for_canvas (self) || g_hash_table_size (self->selection) == 0)
    return FALSE;

  g_variant_get (args, "(iid)", &dx, &dy, &step);
  _eb_canvas_nudge (self, dx * step, dy * step);
  return TRUE;
}

static gboolean
escape_key (GtkWidget *widget,
            GVariant  *args,
            gpointer   data)
{
  EbCanvas *self = EB_CANVAS (widget);

  if (!keys_for_canvas (self))
    return FALSE;

  if (self->drag != EB_CANVAS_DRAG_NONE)
    _eb_canvas_drag_cancel (self);
  else if (g_hash_table_size (self->selection) > 0)
    _eb_canvas_set_selection (self, NULL);
  else
    return FALSE;
  return TRUE;
}

static gboolean
select_all_key (GtkWidget *widget,
                GVariant  *args,
                gpointer   data)
{
  if (!keys_for_canvas (EB_CANVAS (widget)))
    return FALSE;
  select_all_action (widget, NULL, NULL);
  return TRUE;
}

/* Ctrl+C and the like act on the board only when the canvas itself has
 * the focus; in its title editor or a popover's entry they are the
 * text's. @args names the action. */
static gboolean
action_key (GtkWidget *widget,
            GVariant  *args,
            gpointer   data)
{
  if (!keys_for_canvas (EB_CANVAS (widget)))
    return FALSE;
  return gtk_widget_activate_action (widget, g_variant_get_string (args, NULL), NULL);
}

/* As action_key(), for the actions that change the board, which are
 * off on a board that cannot be edited: the key is still the canvas's,
 * and says why nothing happens, rather than passing on to the window. */
static gboolean
edit_action_key (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   data)
{
  EbCanvas *self = EB_CANVAS (widget);

  if (!keys_for_canvas (self))
    return FALSE;
  if (!_eb_canvas_may_edit (self))
    return TRUE;
  return gtk_widget_activate_action (widget, g_variant_get_string (args, NULL), NULL);
}

static gboolean
context_menu_key (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   data)
{
  if (!keys_for_canvas (EB_CANVAS (widget)))
    return FALSE;
  context_menu_action (widget, NULL, NULL);
  return TRUE;
}

static void
add_nudge_binding (GtkWidgetClass *widget_class,
                   guint           keyval,
                   int             dx,
                   int             dy)
{
  /* An arrow moves by a grid step; with Shift, by one unit. */
  gtk_widget_class_add_binding (widget_class, keyval, 0, nudge_key,
                                "(iid)", dx, dy, EB_CANVAS_GRID);
  gtk_widget_class_add_binding (widget_class, keyval, GDK_SHIFT_MASK, nudge_key,
                                "(iid)", dx, dy, 1.0);
}

/* Installs the canvas's actions and key bindings on its class. */
void
_eb_canvas_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.link", NULL, link_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-here", "s", add_here_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "canvas.context-menu", NULL, context_menu_action);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, cut_action);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "canvas.paste-here", NULL, paste_here_action);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "canvas.bring-forward", NULL, bring_forward_action);
  gtk_widget_class_install_action (widget_class, "canvas.send-backward", NULL, send_backward_action);
  gtk_widget_class_install_action (widget_class, "canvas.frame-selection", NULL, frame_selection_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_BackSpace, 0, delete_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, edit_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, edit_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F2, 0, edit_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_l, 0, link_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, select_all_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, context_menu_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, context_menu_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, action_key, "s", "canvas.copy");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Insert, GDK_CONTROL_MASK, action_key, "s", "canvas.copy");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, edit_action_key, "s", "canvas.cut");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, GDK_SHIFT_MASK, edit_action_key, "s", "canvas.cut");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, edit_action_key, "s", "canvas.paste");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Insert, GDK_SHIFT_MASK, edit_action_key, "s", "canvas.paste");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, edit_action_key, "s", "canvas.duplicate");
  /* Ctrl+Shift and an arrow: as Shift and an arrow nudge the selection,
   * these move it up or down the pile. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                edit_action_key, "s", "canvas.bring-forward");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                edit_action_key, "s", "canvas.send-backward");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, edit_action_key, "s", "canvas.frame-selection");
  add_nudge_binding (widget_class, GDK_KEY_Left, -1, 0);
  add_nudge_binding (widget_class, GDK_KEY_Right, 1, 0);
  add_nudge_binding (widget_class, GDK_KEY_Up, 0, -1);
  add_nudge_binding (widget_class, GDK_KEY_Down, 0, 1);
}

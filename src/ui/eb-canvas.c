/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eb-canvas-private.h"

/* EbCanvas shows a board and turns pointer and keyboard input into
 * commands on it, through the board's EbHistory. It is one widget that
 * draws only what is in view (EbPainter, culled by EbSpatialIndex), not a
 * widget per card. This file holds the object, the selection, the
 * keyboard and the public API; input is in eb-canvas-input.c, drawing in
 * eb-canvas-draw.c, the title editor in eb-canvas-edit.c, link creation
 * in eb-canvas-link.c, the clipboard in eb-canvas-clipboard.c and z-order
 * and framing in eb-canvas-arrange.c. */

G_DEFINE_FINAL_TYPE (EbCanvas, eb_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_ZOOM,
  PROP_SNAP_TO_GRID,
  PROP_SELECTED_ITEM,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define ZOOM_STEP 1.25

static void
update_actions (EbCanvas *self)
{
  gboolean any = g_hash_table_size (self->selection) > 0;
  gboolean placed = _eb_canvas_selection_has_place (self);
  gboolean card = EB_IS_CARD (self->primary) || self->focus_card != NULL;
  gboolean cards = self->board != NULL &&
                   g_list_model_get_n_items (eb_board_get_cards (self->board)) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.edit", card || EB_IS_FRAME (self->primary));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.link", card && cards);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.select-all", cards);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-here", self->history != NULL);

  /* Paste stays on without a board item selected: an empty clipboard is
   * reported when it is read. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.copy", placed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.cut", placed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.paste", self->history != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.paste-here", self->history != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.duplicate", placed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.bring-forward", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.send-backward", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.frame-selection", placed);
}

/* Tells listeners (the window: list and inspector) that the selection
 * changed, and redraws its rings and handles. */
void
_eb_canvas_selection_changed (EbCanvas *self)
{
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
set_primary (EbCanvas *self,
             EbItem   *item)
{
  if (self->primary == item)
    return;
  self->primary = item;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

/* Makes @item (or nothing) the whole selection. */
void
_eb_canvas_set_selection (EbCanvas *self,
                          EbItem   *item)
{
  if (item != NULL && g_hash_table_size (self->selection) == 1 &&
      g_hash_table_contains (self->selection, item) && self->primary == item)
    return;
  if (item == NULL && g_hash_table_size (self->selection) == 0 && self->primary == NULL)
    return;

  g_hash_table_remove_all (self->selection);
  if (item != NULL)
    g_hash_table_add (self->selection, item);
  set_primary (self, item);
  _eb_canvas_selection_changed (self);
}

/* Adds @item to the selection, or takes it out if it is in it. */
void
_eb_canvas_toggle_selected (EbCanvas *self,
                            EbItem   *item)
{
  if (g_hash_table_remove (self->selection, item))
    {
      if (self->primary == item)
        {
          GHashTableIter iter;
          gpointer other = NULL;

          g_hash_table_iter_init (&iter, self->selection);
          if (!g_hash_table_iter_next (&iter, &other, NULL))
            other = NULL;
          set_primary (self, other);
        }
    }
  else
    {
      g_hash_table_add (self->selection, item);
      set_primary (self, item);
    }
  _eb_canvas_selection_changed (self);
}

void
_eb_canvas_set_focus_card (EbCanvas *self,
                           EbCard   *card)
{
  if (self->focus_card == card)
    return;
  self->focus_card = card;
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_eb_canvas_card_rect (EbCard *card,
                      EbRect *rect)
{
  rect->x = eb_card_get_x (card);
  rect->y = eb_card_get_y (card);
  rect->width = eb_card_get_width (card);
  rect->height = eb_card_get_height (card);
}

double
_eb_canvas_snap (EbCanvas *self,
                 double    value)
{
  if (!self->snap_to_grid)
    return value;
  return round (value / EB_CANVAS_GRID) * EB_CANVAS_GRID;
}

static int
compare_top (gconstpointer a,
             gconstpointer b)
{
  EbCard *ca = *(EbCard **) a, *cb = *(EbCard **) b;
  double ya = eb_card_get_y (ca), yb = eb_card_get_y (cb);

  if (ya != yb)
    return ya < yb ? -1 : 1;
  return (eb_card_get_x (ca) > eb_card_get_x (cb)) - (eb_card_get_x (ca) < eb_card_get_x (cb));
}

static int
compare_left (gconstpointer a,
              gconstpointer b)
{
  EbCard *ca = *(EbCard **) a, *cb = *(EbCard **) b;
  double xa = eb_card_get_x (ca), xb = eb_card_get_x (cb);

  if (xa != xb)
    return xa < xb ? -1 : 1;
  return compare_top (a, b);
}

/* Returns: (transfer container): the board's cards as one reads them:
 * rows from top to bottom, a card joining the row its top overlaps
 * vertically, and each row left to right. */
GPtrArray *
_eb_canvas_reading_order (EbCanvas *self)
{
  GListModel *cards = eb_board_get_cards (self->board);
  guint n = g_list_model_get_n_items (cards);
  g_autoptr(GPtrArray) by_top = g_ptr_array_new_full (n, g_object_unref);
  GPtrArray *order = g_ptr_array_new_full (n, g_object_unref);
  guint row_start = 0;
  double row_bottom = -G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (by_top, g_list_model_get_item (cards, i));
  g_ptr_array_sort (by_top, compare_top);

  for (guint i = 0; i <= by_top->len; i++)
    {
      EbCard *card = i < by_top->len ? g_ptr_array_index (by_top, i) : NULL;

      if (card == NULL || eb_card_get_y (card) >= row_bottom)
        {
          /* The row ends: put it in order and start the next. */
          g_autoptr(GPtrArray) row = g_ptr_array_new ();

          for (guint j = row_start; j < i; j++)
            g_ptr_array_add (row, g_ptr_array_index (by_top, j));
          g_ptr_array_sort (row, compare_left);
          for (guint j = 0; j < row->len; j++)
            g_ptr_array_add (order, g_object_ref (g_ptr_array_index (row, j)));

          row_start = i;
          if (card != NULL)
            row_bottom = eb_card_get_y (card) + eb_card_get_height (card);
        }
      else
        row_bottom = MAX (row_bottom, eb_card_get_y (card) + eb_card_get_height (card) / 2);
    }

  return order;
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

  if (self->history == NULL || g_hash_table_size (self->selection) == 0)
    return;

  eb_history_begin (self->history, _("Move"));
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

/* Board and viewport signals -------------------------------------------------- */

static void
on_item_added (EbCanvas *self,
               EbItem   *item)
{
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_item_removed (EbCanvas *self,
                 EbItem   *item)
{
  gboolean changed = FALSE;

  if (self->editing == item)
    _eb_canvas_edit_finish (self, FALSE);
  if (g_hash_table_remove (self->selection, item))
    changed = TRUE;
  if (self->primary == item)
    {
      set_primary (self, NULL);
      changed = TRUE;
    }
  if (self->focus_card == (EbCard *) item)
    self->focus_card = NULL;
  if (self->target_card == (EbCard *) item)
    self->target_card = NULL;
  if (self->drag_item == item)
    {
      g_clear_object (&self->drag_item);
      if (self->drag == EB_CANVAS_DRAG_RESIZE || self->drag == EB_CANVAS_DRAG_LINK)
        self->drag = EB_CANVAS_DRAG_NONE;
    }
  if (self->rubber_base != NULL)
    g_hash_table_remove (self->rubber_base, item);

  if (changed)
    _eb_canvas_selection_changed (self);
  else
    {
      update_actions (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_item_changed (EbCanvas   *self,
                 EbItem     *item,
                 GParamSpec *pspec)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->editor != NULL && item == self->editing)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
on_item_reordered (EbCanvas *self,
                   EbItem   *item)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_viewport_changed (EbCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->editor != NULL)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
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
      set_primary (self, first);
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

/* GtkWidget ------------------------------------------------------------------- */

/* Tab and Shift+Tab walk the cards in reading order, selecting each and
 * scrolling it into view; past the last card focus leaves the canvas. */
static gboolean
eb_canvas_focus (GtkWidget        *widget,
                 GtkDirectionType  direction)
{
  EbCanvas *self = EB_CANVAS (widget);
  g_autoptr(GPtrArray) order = NULL;
  gboolean forward;
  guint index = G_MAXUINT;
  EbCard *next;

  if (self->editor != NULL && gtk_widget_get_focus_child (widget) == self->editor)
    return FALSE;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    {
      if (gtk_widget_is_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }

  if (self->board == NULL)
    return FALSE;

  forward = direction == GTK_DIR_TAB_FORWARD;
  order = _eb_canvas_reading_order (self);
  if (order->len == 0)
    {
      if (gtk_widget_is_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }

  if (gtk_widget_is_focus (widget) && self->focus_card != NULL)
    g_ptr_array_find (order, self->focus_card, &index);

  if (index == G_MAXUINT)
    next = g_ptr_array_index (order, forward ? 0 : order->len - 1);
  else if (forward && index + 1 < order->len)
    next = g_ptr_array_index (order, index + 1);
  else if (!forward && index > 0)
    next = g_ptr_array_index (order, index - 1);
  else
    {
      _eb_canvas_set_focus_card (self, NULL);
      return FALSE;
    }

  if (!gtk_widget_is_focus (widget))
    gtk_widget_grab_focus (widget);
  _eb_canvas_set_focus_card (self, next);
  _eb_canvas_set_selection (self, EB_ITEM (next));
  eb_canvas_reveal_item (self, EB_ITEM (next));
  return TRUE;
}

static void
eb_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  *minimum = 100;
  *natural = 400;
}

static void
eb_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  EbCanvas *self = EB_CANVAS (widget);
  EbViewport *viewport = self->viewport;
  gboolean showing_fit = self->fitted &&
                         eb_viewport_get_x (viewport) == self->fit_x &&
                         eb_viewport_get_y (viewport) == self->fit_y &&
                         eb_viewport_get_zoom (viewport) == self->fit_zoom;
  EbRect area;
  gboolean resized;

  eb_viewport_get_area (viewport, &area);
  resized = fabs (area.width * eb_viewport_get_zoom (viewport) - width) >= 0.5 ||
            fabs (area.height * eb_viewport_get_zoom (viewport) - height) >= 0.5;
  eb_viewport_set_size (viewport, width, height);

  /* A board opens showing all of it, and a fitted view that was not
   * moved since stays fitted as the canvas's size changes. */
  if (self->board != NULL && width > 0 && height > 0 &&
      (!self->fitted || (showing_fit && resized)))
    {
      self->fitted = TRUE;
      eb_canvas_zoom_to_fit (self);
    }

  _eb_canvas_edit_allocate (self);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_present (GTK_POPOVER (child));
}

static void
eb_canvas_dispose (GObject *object)
{
  EbCanvas *self = EB_CANVAS (object);
  GtkWidget *child;

  eb_canvas_set_history (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_CANVAS);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->viewport);

  G_OBJECT_CLASS (eb_canvas_parent_class)->dispose (object);
}

static void
eb_canvas_finalize (GObject *object)
{
  EbCanvas *self = EB_CANVAS (object);

  g_hash_table_unref (self->selection);
  g_array_unref (self->move_starts);
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  g_free (self->cursor_name);
  g_clear_object (&self->paste_cancellable);

  G_OBJECT_CLASS (eb_canvas_parent_class)->finalize (object);
}

static void
eb_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EbCanvas *self = EB_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, eb_canvas_get_zoom (self));
      break;
    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->snap_to_grid);
      break;
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, self->primary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EbCanvas *self = EB_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      eb_canvas_set_history (self, g_value_get_object (value));
      break;
    case PROP_SNAP_TO_GRID:
      eb_canvas_set_snap_to_grid (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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

static void
eb_canvas_class_init (EbCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_canvas_dispose;
  object_class->finalize = eb_canvas_finalize;
  object_class->get_property = eb_canvas_get_property;
  object_class->set_property = eb_canvas_set_property;

  widget_class->measure = eb_canvas_measure;
  widget_class->size_allocate = eb_canvas_size_allocate;
  widget_class->snapshot = _eb_canvas_snapshot;
  widget_class->focus = eb_canvas_focus;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, EB_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, EB_VIEWPORT_FIT_ZOOM_MIN, EB_VIEWPORT_ZOOM_MAX, 1.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL, EB_TYPE_ITEM,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbCanvas::selection-changed:
   *
   * Items were selected or unselected; #EbCanvas:selected-item is the one
   * the inspector should show.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/evidenceboard/EvidenceBoard/eb-canvas.ui");
  gtk_widget_class_bind_template_child (widget_class, EbCanvas, context_menu);
  gtk_widget_class_bind_template_child (widget_class, EbCanvas, link_popover);
  gtk_widget_class_bind_template_child (widget_class, EbCanvas, link_label_entry);
  gtk_widget_class_bind_template_child (widget_class, EbCanvas, kind_related);
  gtk_widget_class_bind_template_child (widget_class, EbCanvas, kind_reported_by);
  gtk_widget_class_bind_template_child (widget_class, EbCanvas, kind_supports);
  gtk_widget_class_bind_template_child (widget_class, EbCanvas, kind_contradicts);
  gtk_widget_class_bind_template_child (widget_class, EbCanvas, target_popover);
  gtk_widget_class_bind_template_child (widget_class, EbCanvas, target_search);
  gtk_widget_class_bind_template_child (widget_class, EbCanvas, target_list);

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
  gtk_widget_class_add_binding (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, action_key, "s", "canvas.cut");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, GDK_SHIFT_MASK, action_key, "s", "canvas.cut");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, action_key, "s", "canvas.paste");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Insert, GDK_SHIFT_MASK, action_key, "s", "canvas.paste");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, action_key, "s", "canvas.duplicate");
  /* Ctrl+Shift and an arrow: as Shift and an arrow nudge the selection,
   * these move it up or down the pile. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                action_key, "s", "canvas.bring-forward");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                action_key, "s", "canvas.send-backward");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, action_key, "s", "canvas.frame-selection");
  add_nudge_binding (widget_class, GDK_KEY_Left, -1, 0);
  add_nudge_binding (widget_class, GDK_KEY_Right, 1, 0);
  add_nudge_binding (widget_class, GDK_KEY_Up, 0, -1);
  add_nudge_binding (widget_class, GDK_KEY_Down, 0, 1);

  gtk_widget_class_set_css_name (widget_class, "eb-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
eb_canvas_init (EbCanvas *self)
{
  self->selection = g_hash_table_new (NULL, NULL);
  self->move_starts = g_array_new (FALSE, TRUE, sizeof (EbCanvasMoveStart));
  self->viewport = eb_viewport_new ();
  g_signal_connect_object (self->viewport, "changed",
                           G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Board canvas"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Cards and links of the board. The card list holds the same cards."),
                                  -1);

  _eb_canvas_input_init (self);
  _eb_canvas_link_init (self);
  update_actions (self);
}

/* Public API ------------------------------------------------------------------- */

/**
 * eb_canvas_new:
 *
 * Returns: (transfer floating): a canvas showing no board
 */
GtkWidget *
eb_canvas_new (void)
{
  return g_object_new (EB_TYPE_CANVAS, NULL);
}

/**
 * eb_canvas_get_history:
 * @self: a canvas
 *
 * Returns: (transfer none) (nullable): the history edits go through
 */
EbHistory *
eb_canvas_get_history (EbCanvas *self)
{
  g_return_val_if_fail (EB_IS_CANVAS (self), NULL);
  return self->history;
}

/**
 * eb_canvas_set_history:
 * @self: a canvas
 * @history: (nullable): the history of the board to show
 *
 * Shows @history's board, fitted to the view once the canvas has a size;
 * every change made on the canvas goes through @history.
 */
void
eb_canvas_set_history (EbCanvas  *self,
                       EbHistory *history)
{
  g_return_if_fail (EB_IS_CANVAS (self));
  g_return_if_fail (history == NULL || EB_IS_HISTORY (history));

  if (self->history == history)
    return;

  _eb_canvas_clipboard_cancel (self);

  if (self->history != NULL)
    {
      if (self->editor != NULL)
        _eb_canvas_edit_finish (self, FALSE);
      _eb_canvas_link_finish (self);
      if (self->drag != EB_CANVAS_DRAG_NONE)
        _eb_canvas_drag_cancel (self);
      g_clear_object (&self->link_source);
      g_clear_object (&self->drag_item);
      g_signal_handlers_disconnect_by_data (self->board, self);
      g_hash_table_remove_all (self->selection);
      self->primary = NULL;
      self->focus_card = NULL;
      self->target_card = NULL;
      g_clear_object (&self->painter);
      g_clear_object (&self->index);
      g_clear_object (&self->board);
      g_clear_object (&self->history);
    }

  if (history != NULL)
    {
      self->history = g_object_ref (history);
      self->board = g_object_ref (eb_history_get_board (history));
      /* The index connects to the board first, so it has moved a card
       * before the canvas hears of the move and redraws. */
      self->index = eb_spatial_index_new (self->board);
      self->painter = eb_painter_new (self->board, self->index);
      g_signal_connect_object (self->board, "item-added",
                               G_CALLBACK (on_item_added), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->board, "item-removed",
                               G_CALLBACK (on_item_removed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->board, "item-changed",
                               G_CALLBACK (on_item_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->board, "item-reordered",
                               G_CALLBACK (on_item_reordered), self, G_CONNECT_SWAPPED);
    }

  self->fitted = FALSE;
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/**
 * eb_canvas_get_viewport:
 * @self: a canvas
 *
 * Returns: (transfer none): which part of the board the canvas shows
 */
EbViewport *
eb_canvas_get_viewport (EbCanvas *self)
{
  g_return_val_if_fail (EB_IS_CANVAS (self), NULL);
  return self->viewport;
}

double
eb_canvas_get_zoom (EbCanvas *self)
{
  g_return_val_if_fail (EB_IS_CANVAS (self), 1.0);
  return eb_viewport_get_zoom (self->viewport);
}

gboolean
eb_canvas_get_snap_to_grid (EbCanvas *self)
{
  g_return_val_if_fail (EB_IS_CANVAS (self), FALSE);
  return self->snap_to_grid;
}

/**
 * eb_canvas_set_snap_to_grid:
 * @self: a canvas
 * @snap_to_grid: whether moved, resized and new cards snap to the grid
 */
void
eb_canvas_set_snap_to_grid (EbCanvas *self,
                            gboolean  snap_to_grid)
{
  g_return_if_fail (EB_IS_CANVAS (self));

  snap_to_grid = !!snap_to_grid;
  if (self->snap_to_grid == snap_to_grid)
    return;
  self->snap_to_grid = snap_to_grid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

/**
 * eb_canvas_dup_selection:
 * @self: a canvas
 *
 * Returns: (transfer container) (element-type EbItem): the selected
 *   cards, links and frames, in no particular order
 */
GPtrArray *
eb_canvas_dup_selection (EbCanvas *self)
{
  GPtrArray *items = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer item;

  g_return_val_if_fail (EB_IS_CANVAS (self), items);

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    g_ptr_array_add (items, item);
  return items;
}

/**
 * eb_canvas_get_selected_item:
 * @self: a canvas
 *
 * Returns: (transfer none) (nullable): the item last selected, which the
 *   inspector shows: an #EbCard, #EbLink or #EbFrame
 */
EbItem *
eb_canvas_get_selected_item (EbCanvas *self)
{
  g_return_val_if_fail (EB_IS_CANVAS (self), NULL);
  return self->primary;
}

gboolean
eb_canvas_is_selected (EbCanvas *self,
                       EbItem   *item)
{
  g_return_val_if_fail (EB_IS_CANVAS (self), FALSE);
  return item != NULL && g_hash_table_contains (self->selection, item);
}

/**
 * eb_canvas_select_item:
 * @self: a canvas
 * @item: a card, link or frame of the board
 * @extend: add @item to the selection instead of replacing it
 *
 * Selects @item, as a click (or Shift+click) on it would.
 */
void
eb_canvas_select_item (EbCanvas *self,
                       EbItem   *item,
                       gboolean  extend)
{
  g_return_if_fail (EB_IS_CANVAS (self));
  g_return_if_fail (EB_IS_ITEM (item));
  g_return_if_fail (self->board != NULL && eb_board_lookup (self->board, eb_item_get_id (item)) == item);

  if (!extend)
    _eb_canvas_set_selection (self, item);
  else if (!g_hash_table_contains (self->selection, item))
    _eb_canvas_toggle_selected (self, item);

  if (EB_IS_CARD (item))
    _eb_canvas_set_focus_card (self, EB_CARD (item));
}

/**
 * eb_canvas_select_items:
 * @self: a canvas
 * @items: (element-type EbItem): cards, links and frames of the board
 *
 * Makes @items the selection, as after a paste; the first card among
 * them (else the first item) is the one the inspector shows.
 */
void
eb_canvas_select_items (EbCanvas  *self,
                        GPtrArray *items)
{
  EbItem *primary = NULL;

  g_return_if_fail (EB_IS_CANVAS (self));
  g_return_if_fail (items != NULL);

  g_hash_table_remove_all (self->selection);
  for (guint i = 0; i < items->len; i++)
    {
      EbItem *item = g_ptr_array_index (items, i);

      g_return_if_fail (EB_IS_ITEM (item));
      if (self->board == NULL || eb_board_lookup (self->board, eb_item_get_id (item)) != item)
        continue;
      g_hash_table_add (self->selection, item);
      if (primary == NULL || (EB_IS_CARD (item) && !EB_IS_CARD (primary)))
        primary = item;
    }

  set_primary (self, primary);
  if (EB_IS_CARD (primary))
    _eb_canvas_set_focus_card (self, EB_CARD (primary));
  _eb_canvas_selection_changed (self);
}

void
eb_canvas_unselect_all (EbCanvas *self)
{
  g_return_if_fail (EB_IS_CANVAS (self));
  _eb_canvas_set_selection (self, NULL);
}

/**
 * eb_canvas_reveal_item:
 * @self: a canvas
 * @item: a card, link or frame of the board
 *
 * Scrolls just enough to bring @item into view, keeping the zoom.
 */
void
eb_canvas_reveal_item (EbCanvas *self,
                       EbItem   *item)
{
  EbRect rect;

  g_return_if_fail (EB_IS_CANVAS (self));
  g_return_if_fail (EB_IS_ITEM (item));

  if (EB_IS_CARD (item))
    _eb_canvas_card_rect (EB_CARD (item), &rect);
  else if (EB_IS_LINK (item))
    {
      graphene_point_t p[4];

      eb_painter_link_ends (self->painter, EB_LINK (item), p);
      rect.x = MIN (p[0].x, p[3].x);
      rect.y = MIN (p[0].y, p[3].y);
      rect.width = fabs (p[3].x - p[0].x);
      rect.height = fabs (p[3].y - p[0].y);
    }
  else
    g_object_get (item, "x", &rect.x, "y", &rect.y, "width", &rect.width, "height", &rect.height, NULL);

  /* Before the first allocation there is no view to scroll. */
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    eb_viewport_show (self->viewport, &rect);
}

/**
 * eb_canvas_get_focus_card:
 * @self: a canvas
 *
 * Returns: (transfer none) (nullable): the card with the keyboard focus
 *   ring, which Enter edits
 */
EbCard *
eb_canvas_get_focus_card (EbCanvas *self)
{
  g_return_val_if_fail (EB_IS_CANVAS (self), NULL);
  return self->focus_card;
}

/**
 * eb_canvas_add_card:
 * @self: a canvas
 * @kind: what the card is
 * @board_x: where its centre goes, in board units
 * @board_y: where its centre goes
 *
 * Adds a card as one undo step, selects it and opens its title for
 * typing.
 *
 * Returns: (transfer none) (nullable): the new card, held by the board
 */
EbCard *
eb_canvas_add_card (EbCanvas   *self,
                    EbCardKind  kind,
                    double      board_x,
                    double      board_y)
{
  g_autoptr(EbCard) card = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (EB_IS_CANVAS (self), NULL);
  g_return_val_if_fail (self->history != NULL, NULL);

  if (self->editor != NULL)
    _eb_canvas_edit_finish (self, TRUE);

  card = eb_card_new (kind);
  eb_card_set_position (card,
                        _eb_canvas_snap (self, board_x - eb_card_get_width (card) / 2),
                        _eb_canvas_snap (self, board_y - eb_card_get_height (card) / 2));

  if (!eb_history_add (self->history, EB_ITEM (card), &error))
    {
      g_warning ("Cannot add a card: %s", error->message);
      return NULL;
    }

  eb_canvas_select_item (self, EB_ITEM (card), FALSE);
  eb_canvas_reveal_item (self, EB_ITEM (card));
  eb_canvas_edit_card (self, card);

  return card;
}

/**
 * eb_canvas_add_card_at_center:
 * @self: a canvas
 * @kind: what the card is
 *
 * Adds a card in the middle of the view, as the header menu and the
 * shortcuts do.
 *
 * Returns: (transfer none) (nullable): the new card, held by the board
 */
EbCard *
eb_canvas_add_card_at_center (EbCanvas   *self,
                              EbCardKind  kind)
{
  EbRect area;

  g_return_val_if_fail (EB_IS_CANVAS (self), NULL);

  eb_viewport_get_area (self->viewport, &area);
  return eb_canvas_add_card (self, kind, area.x + area.width / 2, area.y + area.height / 2);
}

static int
removal_rank (EbItem *item)
{
  return EB_IS_LINK (item) ? 0 : EB_IS_CARD (item) ? 1 : 2;
}

static int
compare_removal (gconstpointer a,
                 gconstpointer b)
{
  return removal_rank (*(EbItem **) a) - removal_rank (*(EbItem **) b);
}

/**
 * eb_canvas_delete_selection:
 * @self: a canvas
 *
 * Removes the selected items as one undo step; cards take their links
 * with them (and undo brings them back together).
 */
void
eb_canvas_delete_selection (EbCanvas *self)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_if_fail (EB_IS_CANVAS (self));

  if (self->history == NULL || g_hash_table_size (self->selection) == 0)
    return;

  items = eb_canvas_dup_selection (self);
  g_ptr_array_set_free_func (items, g_object_unref);
  for (guint i = 0; i < items->len; i++)
    g_object_ref (g_ptr_array_index (items, i));
  g_ptr_array_sort (items, compare_removal);

  eb_history_begin (self->history, _("Delete"));
  for (guint i = 0; i < items->len; i++)
    {
      EbItem *item = g_ptr_array_index (items, i);

      /* A selected link may have gone with its card already. */
      if (eb_board_lookup (self->board, eb_item_get_id (item)) == item)
        eb_history_remove (self->history, item);
    }
  eb_history_end (self->history);
}

/**
 * eb_canvas_edit_card:
 * @self: a canvas
 * @card: a card of the board
 *
 * Opens a text editor over the card's title (a note's text), scrolled
 * into view; Enter or leaving it keeps the text, Escape drops it.
 */
void
eb_canvas_edit_card (EbCanvas *self,
                     EbCard   *card)
{
  g_return_if_fail (EB_IS_CANVAS (self));
  g_return_if_fail (EB_IS_CARD (card));

  eb_canvas_reveal_item (self, EB_ITEM (card));
  _eb_canvas_edit_start (self, EB_ITEM (card));
}

/**
 * eb_canvas_edit_frame:
 * @self: a canvas
 * @frame: a frame of the board
 *
 * Opens a text editor over the frame's label, scrolled into view, as
 * eb_canvas_edit_card() does for a card's title.
 */
void
eb_canvas_edit_frame (EbCanvas *self,
                      EbFrame  *frame)
{
  g_return_if_fail (EB_IS_CANVAS (self));
  g_return_if_fail (EB_IS_FRAME (frame));

  eb_canvas_reveal_item (self, EB_ITEM (frame));
  _eb_canvas_edit_start (self, EB_ITEM (frame));
}

gboolean
eb_canvas_is_editing (EbCanvas *self)
{
  g_return_val_if_fail (EB_IS_CANVAS (self), FALSE);
  return self->editor != NULL;
}

/**
 * eb_canvas_zoom_in:
 * @self: a canvas
 *
 * Zooms in a step around the middle of the view.
 */
void
eb_canvas_zoom_in (EbCanvas *self)
{
  g_return_if_fail (EB_IS_CANVAS (self));
  eb_viewport_zoom_at (self->viewport, eb_viewport_get_zoom (self->viewport) * ZOOM_STEP,
                       gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                       gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
eb_canvas_zoom_out (EbCanvas *self)
{
  g_return_if_fail (EB_IS_CANVAS (self));
  eb_viewport_zoom_at (self->viewport, eb_viewport_get_zoom (self->viewport) / ZOOM_STEP,
                       gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                       gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/**
 * eb_canvas_zoom_to_fit:
 * @self: a canvas
 *
 * Shows the whole board, never zooming in past 100 %.
 */
void
eb_canvas_zoom_to_fit (EbCanvas *self)
{
  EbRect bounds;

  g_return_if_fail (EB_IS_CANVAS (self));

  if (self->index != NULL && eb_spatial_index_get_bounds (self->index, &bounds))
    eb_viewport_fit (self->viewport, &bounds);
  else
    eb_viewport_set_view (self->viewport,
                          -gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                          -gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, 1.0);

  self->fit_x = eb_viewport_get_x (self->viewport);
  self->fit_y = eb_viewport_get_y (self->viewport);
  self->fit_zoom = eb_viewport_get_zoom (self->viewport);
}

/**
 * eb_canvas_zoom_reset:
 * @self: a canvas
 *
 * Zooms to 100 % around the middle of the view.
 */
void
eb_canvas_zoom_reset (EbCanvas *self)
{
  g_return_if_fail (EB_IS_CANVAS (self));
  eb_viewport_zoom_at (self->viewport, 1.0,
                       gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                       gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

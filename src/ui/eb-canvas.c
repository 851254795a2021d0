/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eb-canvas-private.h"

/* EbCanvas shows a board and turns pointer and keyboard input into
 * commands on it, through the board's EbHistory. It is one widget that
 * draws only what is in view (EbPainter, culled by EbSpatialIndex), not a
 * widget per card. This file holds the object, its board and view, and
 * the public API for adding, editing and zooming; the selection is in
 * eb-canvas-selection.c, actions and key bindings in eb-canvas-actions.c,
 * pointer input in eb-canvas-input.c, eb-canvas-hit.c and
 * eb-canvas-drag.c, drawing in eb-canvas-draw.c, the title editor in
 * eb-canvas-edit.c, link creation in eb-canvas-link.c, the clipboard in
 * eb-canvas-clipboard.c and z-order and framing in eb-canvas-arrange.c.
 * A canvas that is not editable (a board opened read-only) only shows:
 * each of those asks _eb_canvas_may_edit() before it changes anything. */

G_DEFINE_FINAL_TYPE (EbCanvas, eb_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_ZOOM,
  PROP_SNAP_TO_GRID,
  PROP_SELECTED_ITEM,
  PROP_EDITABLE,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  EDIT_REFUSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define ZOOM_STEP 1.25

/* Tells listeners (the window: list and inspector) that the selection
 * changed, and redraws its rings and handles. */
void
_eb_canvas_selection_changed (EbCanvas *self)
{
  _eb_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
_eb_canvas_set_primary (EbCanvas *self,
                        EbItem   *item)
{
  if (self->primary == item)
    return;
  self->primary = item;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
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

/* Every way to change the board asks this first, before it changes
 * anything: on a board that is not editable the edit is refused, and
 * the window is told so that it can say why. */
gboolean
_eb_canvas_may_edit (EbCanvas *self)
{
  if (self->editable)
    return TRUE;
  g_signal_emit (self, signals[EDIT_REFUSED], 0);
  return FALSE;
}

/* Board and viewport signals -------------------------------------------------- */

static void
on_item_added (EbCanvas *self,
               EbItem   *item)
{
  _eb_canvas_update_actions (self);
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
      _eb_canvas_set_primary (self, NULL);
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
      _eb_canvas_update_actions (self);
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

/* GtkWidget ------------------------------------------------------------------- */

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
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
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
    case PROP_EDITABLE:
      eb_canvas_set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  widget_class->focus = _eb_canvas_focus;

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
  /**
   * EbCanvas:editable:
   *
   * Whether the canvas may change the board. When %FALSE it only shows
   * it: selecting, panning, zooming, copying and keyboard navigation
   * work; moving, resizing, editing titles, linking, pasting, deleting
   * and arranging are refused before anything changes, and
   * #EbCanvas::edit-refused is emitted instead.
   */
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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

  /**
   * EbCanvas::edit-refused:
   *
   * The user tried to change a board the canvas is not allowed to edit
   * (#EbCanvas:editable is %FALSE); nothing was changed. The window
   * answers with a notice that says why.
   */
  signals[EDIT_REFUSED] =
    g_signal_new ("edit-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
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

  _eb_canvas_class_actions_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "eb-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
eb_canvas_init (EbCanvas *self)
{
  self->editable = TRUE;
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
  _eb_canvas_update_actions (self);
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
  _eb_canvas_update_actions (self);
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

gboolean
eb_canvas_get_editable (EbCanvas *self)
{
  g_return_val_if_fail (EB_IS_CANVAS (self), FALSE);
  return self->editable;
}

/**
 * eb_canvas_set_editable:
 * @self: a canvas
 * @editable: whether the canvas may change the board
 *
 * Makes the canvas a view of the board only, as for a board opened
 * read-only, or lets it edit again. A title being typed is dropped and a
 * drag in progress is put back, so nothing reaches a board that is not
 * editable.
 */
void
eb_canvas_set_editable (EbCanvas *self,
                        gboolean  editable)
{
  g_return_if_fail (EB_IS_CANVAS (self));

  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;

  if (!editable)
    {
      _eb_canvas_clipboard_cancel (self);
      if (self->editor != NULL)
        _eb_canvas_edit_finish (self, FALSE);
      _eb_canvas_link_finish (self);
      if (gtk_widget_get_visible (GTK_WIDGET (self->target_popover)))
        gtk_popover_popdown (self->target_popover);
      if (self->drag == EB_CANVAS_DRAG_MOVE || self->drag == EB_CANVAS_DRAG_RESIZE ||
          self->drag == EB_CANVAS_DRAG_LINK)
        _eb_canvas_drag_cancel (self);
    }

  /* The handles come and go with it, and the cursor over them. */
  _eb_canvas_update_actions (self);
  if (self->board != NULL)
    _eb_canvas_update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
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

  if (!_eb_canvas_may_edit (self))
    return NULL;
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
 * shortcuts do; if other cards are there, at the nearest place where it
 * hides none of them.
 *
 * Returns: (transfer none) (nullable): the new card, held by the board
 */
EbCard *
eb_canvas_add_card_at_center (EbCanvas   *self,
                              EbCardKind  kind)
{
  g_autoptr(EbCard) probe = NULL;
  EbRect area, rect;

  g_return_val_if_fail (EB_IS_CANVAS (self), NULL);

  if (!_eb_canvas_may_edit (self))
    return NULL;

  /* Centred in the view, or as near as there is room for it. On the
   * grid the card snaps to, so the snap does not move it back. */
  eb_viewport_get_area (self->viewport, &area);
  probe = eb_card_new (kind);
  rect.width = eb_card_get_width (probe);
  rect.height = eb_card_get_height (probe);
  rect.x = _eb_canvas_snap (self, area.x + area.width / 2 - rect.width / 2);
  rect.y = _eb_canvas_snap (self, area.y + area.height / 2 - rect.height / 2);
  _eb_canvas_find_room (self, &rect, NULL);

  return eb_canvas_add_card (self, kind, rect.x + rect.width / 2, rect.y + rect.height / 2);
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

  if (!_eb_canvas_may_edit (self))
    return;
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

  if (!_eb_canvas_may_edit (self))
    return;
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

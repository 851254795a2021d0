/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-canvas.h"
#include "eb-painter.h"
#include "eb-spatial-index.h"

G_BEGIN_DECLS

/* What a primary or middle button drag is doing, decided when it starts. */
typedef enum {
  EB_CANVAS_DRAG_NONE,
  EB_CANVAS_DRAG_PAN,
  EB_CANVAS_DRAG_MOVE,
  EB_CANVAS_DRAG_RUBBER,
  EB_CANVAS_DRAG_RESIZE,
  EB_CANVAS_DRAG_LINK,
} EbCanvasDrag;

/* Where a drag started on the board, hit-tested in this order. */
typedef enum {
  EB_CANVAS_HIT_NONE,
  EB_CANVAS_HIT_LINK_HANDLE,
  EB_CANVAS_HIT_RESIZE_HANDLE,
  EB_CANVAS_HIT_CARD,
  EB_CANVAS_HIT_LINK,
  EB_CANVAS_HIT_FRAME,
} EbCanvasHit;

/* Screen sizes of the handles drawn on the selected item. */
#define EB_CANVAS_HANDLE_RADIUS  7.0
#define EB_CANVAS_LINK_TOLERANCE 6.0
#define EB_CANVAS_DRAG_THRESHOLD 4.0
/* The strip at the top of a frame that grabs the frame, in board units. */
#define EB_CANVAS_FRAME_STRIP    40.0

typedef struct
{
  EbItem *item;   /* a card or frame, owned */
  double  x;
  double  y;
} EbCanvasMoveStart;

struct _EbCanvas
{
  GtkWidget          parent_instance;

  EbHistory         *history;
  EbBoard           *board;
  EbSpatialIndex    *index;
  EbPainter         *painter;
  EbViewport        *viewport;

  /* The selection: a set of EbItem, borrowed (the board holds them; an
   * item leaving the board leaves the selection). The primary item is
   * the one last selected, which the inspector shows. */
  GHashTable        *selection;
  EbItem            *primary;
  EbCard            *focus_card;      /* keyboard focus, borrowed */
  EbCard            *target_card;     /* under a link drag, borrowed */

  double             pointer_x;
  double             pointer_y;
  guint              pointer_inside : 1;
  guint              space_held : 1;
  guint              snap_to_grid : 1;
  guint              fitted : 1;
  guint              drag_moved : 1;
  guint              drag_history_open : 1;
  guint              drag_extend : 1;
  guint              link_group_open : 1;
  /* FALSE for a board shown read-only: every gesture that would change
   * the board is refused before it changes anything. */
  guint              editable : 1;

  /* The drag in progress, in screen pixels from its start. */
  EbCanvasDrag       drag;
  double             drag_x;
  double             drag_y;
  double             drag_dx;
  double             drag_dy;
  EbItem            *drag_item;       /* pressed item, owned */
  GArray            *move_starts;     /* of EbCanvasMoveStart */
  double             view_x0;
  double             view_y0;
  double             size_w0;
  double             size_h0;
  GHashTable        *rubber_base;     /* selection before an extending rubber band */
  double             pinch_zoom0;

  /* The view the last fit made (board x, y and zoom). While the view
   * is still that, a new size fits the board again: the board opens
   * whole even though the side panel takes its width after the first
   * layout, and stays whole as the window is resized. */
  double             fit_x;
  double             fit_y;
  double             fit_zoom;

  /* Where the context menu was opened, in board units. */
  double             context_x;
  double             context_y;

  /* The title editor placed over a card. */
  GtkWidget         *editor;
  EbItem            *editing;         /* a card or frame, owned */
  const char        *editing_property;

  /* A link being created: its kind and label are chosen in a popover
   * before the step is closed, so the whole creation is one undo step. */
  EbLink            *new_link;        /* owned */
  EbCard            *link_source;     /* for the link-to popover, owned */

  char              *cursor_name;

  /* A paste waiting for the clipboard to be read. */
  GCancellable      *paste_cancellable;

  /* Template children. */
  GtkPopover        *context_menu;
  GtkPopover        *link_popover;
  GtkEntry          *link_label_entry;
  GtkToggleButton   *kind_related;
  GtkToggleButton   *kind_reported_by;
  GtkToggleButton   *kind_supports;
  GtkToggleButton   *kind_contradicts;
  GtkPopover        *target_popover;
  GtkSearchEntry    *target_search;
  GtkListBox        *target_list;
};

/* eb-canvas.c */
void          _eb_canvas_selection_changed (EbCanvas        *self);
void          _eb_canvas_set_primary       (EbCanvas        *self,
                                            EbItem          *item);
void          _eb_canvas_card_rect         (EbCard          *card,
                                            EbRect          *rect);
double        _eb_canvas_snap              (EbCanvas        *self,
                                            double           value);
gboolean      _eb_canvas_may_edit          (EbCanvas        *self);

/* eb-canvas-selection.c */
void          _eb_canvas_set_selection     (EbCanvas        *self,
                                            EbItem          *item);
void          _eb_canvas_toggle_selected   (EbCanvas        *self,
                                            EbItem          *item);
void          _eb_canvas_set_focus_card    (EbCanvas        *self,
                                            EbCard          *card);
GPtrArray    *_eb_canvas_reading_order     (EbCanvas        *self);
gboolean      _eb_canvas_focus             (GtkWidget       *widget,
                                            GtkDirectionType direction);

/* eb-canvas-actions.c */
void          _eb_canvas_class_actions_init (GtkWidgetClass *widget_class);
void          _eb_canvas_update_actions    (EbCanvas        *self);
void          _eb_canvas_nudge             (EbCanvas        *self,
                                            double           dx,
                                            double           dy);
void          _eb_canvas_point_popover     (EbCanvas        *self,
                                            GtkPopover      *popover,
                                            double           x,
                                            double           y,
                                            double           width,
                                            double           height);
void          _eb_canvas_open_context_menu (EbCanvas        *self,
                                            double           x,
                                            double           y);

/* eb-canvas-hit.c */
EbCanvasHit   _eb_canvas_hit_test          (EbCanvas        *self,
                                            double           x,
                                            double           y,
                                            EbItem         **item);
gboolean      _eb_canvas_link_handle       (EbCanvas        *self,
                                            EbCard         **card,
                                            double          *x,
                                            double          *y);
gboolean      _eb_canvas_resize_handle     (EbCanvas        *self,
                                            EbItem         **item,
                                            double          *x,
                                            double          *y);
void          _eb_canvas_update_cursor     (EbCanvas        *self);

/* eb-canvas-drag.c */
void          _eb_canvas_drag_begin        (EbCanvas        *self,
                                            guint            button,
                                            GdkModifierType  state,
                                            double           x,
                                            double           y);
void          _eb_canvas_drag_update       (EbCanvas        *self,
                                            double           dx,
                                            double           dy);
void          _eb_canvas_drag_end          (EbCanvas        *self,
                                            double           dx,
                                            double           dy);
void          _eb_canvas_drag_cancel       (EbCanvas        *self);

/* eb-canvas-input.c */
void          _eb_canvas_input_init        (EbCanvas        *self);
void          _eb_canvas_press             (EbCanvas        *self,
                                            int              n_press,
                                            guint            button,
                                            GdkModifierType  state,
                                            double           x,
                                            double           y);
void          _eb_canvas_motion            (EbCanvas        *self,
                                            double           x,
                                            double           y);
gboolean      _eb_canvas_scroll            (EbCanvas        *self,
                                            GdkScrollUnit    unit,
                                            GdkModifierType  state,
                                            double           dx,
                                            double           dy);
void          _eb_canvas_pinch             (EbCanvas        *self,
                                            double           scale,
                                            double           x,
                                            double           y);

/* eb-canvas-draw.c */
void          _eb_canvas_snapshot          (GtkWidget       *widget,
                                            GtkSnapshot     *snapshot);

/* eb-canvas-edit.c */
void          _eb_canvas_edit_start        (EbCanvas        *self,
                                            EbItem          *item);
void          _eb_canvas_edit_finish       (EbCanvas        *self,
                                            gboolean         commit);
void          _eb_canvas_edit_allocate     (EbCanvas        *self);
gboolean      _eb_canvas_editor_key        (EbCanvas        *self,
                                            guint            keyval,
                                            GdkModifierType  state);

/* eb-canvas-arrange.c */
gboolean      _eb_canvas_find_room         (EbCanvas        *self,
                                            EbRect          *rect,
                                            EbCard          *ignore);

/* eb-canvas-clipboard.c */
void          _eb_canvas_show_message      (EbCanvas        *self,
                                            const char      *message);
gboolean      _eb_canvas_selection_has_place (EbCanvas      *self);
void          _eb_canvas_paste_position    (EbCanvas        *self,
                                            double          *x,
                                            double          *y);
void          _eb_canvas_paste_at          (EbCanvas        *self,
                                            double           x,
                                            double           y);
gboolean      _eb_canvas_paste_bytes       (EbCanvas        *self,
                                            const char      *mime_type,
                                            GBytes          *bytes,
                                            double           x,
                                            double           y,
                                            GError         **error);
void          _eb_canvas_clipboard_cancel  (EbCanvas        *self);

/* eb-canvas-link.c */
void          _eb_canvas_link_init         (EbCanvas        *self);
EbLink       *_eb_canvas_create_link       (EbCanvas        *self,
                                            EbCard          *from,
                                            EbCard          *to);
void          _eb_canvas_link_choose_kind  (EbCanvas        *self,
                                            EbLinkKind       kind);
void          _eb_canvas_link_confirm      (EbCanvas        *self);
void          _eb_canvas_link_finish       (EbCanvas        *self);
void          _eb_canvas_pick_target       (EbCanvas        *self,
                                            EbCard          *source);
void          _eb_canvas_target_search     (EbCanvas        *self,
                                            const char      *text);
EbLink       *_eb_canvas_target_activate   (EbCanvas        *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-history.h"
#include "eb-viewport.h"

G_BEGIN_DECLS

/* The step of the snapping grid and of arrow-key nudges, in board units. */
#define EB_CANVAS_GRID 20.0

#define EB_TYPE_CANVAS (eb_canvas_get_type ())
G_DECLARE_FINAL_TYPE (EbCanvas, eb_canvas, EB, CANVAS, GtkWidget)

GtkWidget   *eb_canvas_new                (void);
EbHistory   *eb_canvas_get_history        (EbCanvas   *self);
void         eb_canvas_set_history        (EbCanvas   *self,
                                           EbHistory  *history);
EbViewport  *eb_canvas_get_viewport       (EbCanvas   *self);
double       eb_canvas_get_zoom           (EbCanvas   *self);
gboolean     eb_canvas_get_snap_to_grid   (EbCanvas   *self);
void         eb_canvas_set_snap_to_grid   (EbCanvas   *self,
                                           gboolean    snap_to_grid);
gboolean     eb_canvas_get_editable       (EbCanvas   *self);
void         eb_canvas_set_editable       (EbCanvas   *self,
                                           gboolean    editable);

GPtrArray   *eb_canvas_dup_selection      (EbCanvas   *self);
EbItem      *eb_canvas_get_selected_item  (EbCanvas   *self);
gboolean     eb_canvas_is_selected        (EbCanvas   *self,
                                           EbItem     *item);
void         eb_canvas_select_item        (EbCanvas   *self,
                                           EbItem     *item,
                                           gboolean    extend);
void         eb_canvas_select_items       (EbCanvas   *self,
                                           GPtrArray  *items);
void         eb_canvas_unselect_all       (EbCanvas   *self);
void         eb_canvas_reveal_item        (EbCanvas   *self,
                                           EbItem     *item);
EbCard      *eb_canvas_get_focus_card     (EbCanvas   *self);

EbCard      *eb_canvas_add_card           (EbCanvas   *self,
                                           EbCardKind  kind,
                                           double      board_x,
                                           double      board_y);
EbCard      *eb_canvas_add_card_at_center (EbCanvas   *self,
                                           EbCardKind  kind);
void         eb_canvas_delete_selection   (EbCanvas   *self);
void         eb_canvas_edit_card          (EbCanvas   *self,
                                           EbCard     *card);
void         eb_canvas_edit_frame         (EbCanvas   *self,
                                           EbFrame    *frame);
gboolean     eb_canvas_is_editing         (EbCanvas   *self);

void         eb_canvas_copy_selection     (EbCanvas   *self);
void         eb_canvas_cut_selection      (EbCanvas   *self);
void         eb_canvas_paste              (EbCanvas   *self);
gboolean     eb_canvas_duplicate_selection (EbCanvas  *self);
void         eb_canvas_bring_forward      (EbCanvas   *self);
void         eb_canvas_send_backward      (EbCanvas   *self);
EbFrame     *eb_canvas_frame_selection    (EbCanvas   *self);

void         eb_canvas_zoom_in            (EbCanvas   *self);
void         eb_canvas_zoom_out           (EbCanvas   *self);
void         eb_canvas_zoom_to_fit        (EbCanvas   *self);
void         eb_canvas_zoom_reset         (EbCanvas   *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-board.h"

/* Room at the top of a frame drawn around items, for its label. */
#define EB_FRAME_LABEL_HEIGHT 48.0

G_BEGIN_DECLS

#define EB_TYPE_HISTORY (eb_history_get_type ())
G_DECLARE_FINAL_TYPE (EbHistory, eb_history, EB, HISTORY, GObject)

EbHistory   *eb_history_new            (EbBoard      *board);
EbBoard     *eb_history_get_board      (EbHistory    *self);
void         eb_history_begin          (EbHistory    *self,
                                        const char   *label);
void         eb_history_end            (EbHistory    *self);
void         eb_history_cancel         (EbHistory    *self);
void         eb_history_set_value      (EbHistory    *self,
                                        gpointer      target,
                                        const char   *property,
                                        const GValue *value);
void         eb_history_set            (EbHistory    *self,
                                        gpointer      target,
                                        const char   *first_property,
                                        ...) G_GNUC_NULL_TERMINATED;
gboolean     eb_history_add            (EbHistory    *self,
                                        EbItem       *item,
                                        GError      **error);
void         eb_history_remove         (EbHistory    *self,
                                        EbItem       *item);
gboolean     eb_history_insert         (EbHistory    *self,
                                        EbItem       *item,
                                        guint         position,
                                        GError      **error);
void         eb_history_reorder        (EbHistory    *self,
                                        EbItem       *item,
                                        guint         position);
void         eb_history_bring_forward  (EbHistory    *self,
                                        GPtrArray    *items);
void         eb_history_send_backward  (EbHistory    *self,
                                        GPtrArray    *items);
EbFrame     *eb_history_frame_items    (EbHistory    *self,
                                        GPtrArray    *items,
                                        const char   *label,
                                        double        margin,
                                        GError      **error);
gboolean     eb_history_append_items   (EbHistory    *self,
                                        GPtrArray    *items,
                                        const char   *label,
                                        GError      **error);
gboolean     eb_history_can_undo       (EbHistory    *self);
gboolean     eb_history_can_redo       (EbHistory    *self);
const char  *eb_history_get_undo_label (EbHistory    *self);
const char  *eb_history_get_redo_label (EbHistory    *self);
gboolean     eb_history_undo           (EbHistory    *self);
gboolean     eb_history_redo           (EbHistory    *self);
void         eb_history_clear          (EbHistory    *self);
void         eb_history_mark_saved     (EbHistory    *self);
gboolean     eb_history_is_at_saved    (EbHistory    *self);

G_END_DECLS

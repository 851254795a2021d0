/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EB_TYPE_ITEM (eb_item_get_type ())
G_DECLARE_DERIVABLE_TYPE (EbItem, eb_item, EB, ITEM, GObject)

/**
 * EbItemClass:
 *
 * The base of everything a board holds (cards, links, frames): each has a
 * stable random id and its created and modified times. Subclasses only add
 * fields, as properties, so storage, JSON and undo can treat every item
 * alike by walking its properties.
 */
struct _EbItemClass
{
  GObjectClass parent_class;
};

char         *eb_item_new_id       (void);
const char   *eb_item_get_id       (EbItem     *self);
gint64        eb_item_get_created  (EbItem     *self);
gint64        eb_item_get_modified (EbItem     *self);
void          eb_item_set_modified (EbItem     *self,
                                    gint64      modified);
EbItem       *eb_item_copy         (EbItem     *self);
gboolean      eb_item_equal        (EbItem     *a,
                                    EbItem     *b);
gboolean      eb_item_is_field     (GParamSpec *pspec);

G_END_DECLS

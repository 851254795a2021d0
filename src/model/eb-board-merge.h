/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-history.h"
#include "eb-spatial-index.h"

G_BEGIN_DECLS

/* Space between the board's content and what is imported beside it. */
#define EB_BOARD_MERGE_GAP 200.0

#define EB_BOARD_MERGE_ERROR (eb_board_merge_error_quark ())

/**
 * EbBoardMergeError:
 * @EB_BOARD_MERGE_ERROR_TOO_MANY_ITEMS: the board has no room for the new items
 */
typedef enum {
  EB_BOARD_MERGE_ERROR_TOO_MANY_ITEMS,
} EbBoardMergeError;

/**
 * EbBoardMergeChange:
 * @type: %EB_TYPE_CARD, %EB_TYPE_LINK or %EB_TYPE_FRAME: the item on the board
 * @id: the id the board and the imported board share
 * @title: the item's name as the board shows it (the board's version)
 * @fields: (array zero-terminated=1): the properties whose values differ,
 *   e.g. "title", "notes"; empty when the two are different kinds of item
 *
 * An item of the imported board whose id is on the board already with
 * other content. The board's version was kept.
 */
typedef struct
{
  GType   type;
  char   *id;
  char   *title;
  GStrv   fields;
} EbBoardMergeChange;

/**
 * EbBoardMergeResult:
 * @n_cards: cards added
 * @n_links: links added
 * @n_frames: frames added
 * @n_unchanged: items already on the board with the same content, not added again
 * @n_dropped_links: links left out because a card they join is not on
 *   the board after the merge
 * @added: (element-type EbItem): the items added, as they are on the board
 * @changed: (element-type EbBoardMergeChange): items kept as the board had them
 * @bounds: the area of the added cards and frames (width 0 if none)
 * @dx: how far the added items were moved to sit beside the board's content
 * @dy: likewise
 */
typedef struct
{
  guint       n_cards;
  guint       n_links;
  guint       n_frames;
  guint       n_unchanged;
  guint       n_dropped_links;
  GPtrArray  *added;
  GPtrArray  *changed;
  EbRect      bounds;
  double      dx;
  double      dy;
} EbBoardMergeResult;

GQuark              eb_board_merge_error_quark      (void);
EbBoardMergeResult *eb_board_merge                  (EbHistory          *history,
                                                     EbBoard            *source,
                                                     GError            **error);
void                eb_board_merge_result_free      (EbBoardMergeResult *result);
guint               eb_board_merge_result_get_n_added (EbBoardMergeResult *result);
char               *eb_board_merge_result_describe_changes (EbBoardMergeResult *result);
const char         *eb_board_merge_describe_field   (GType               type,
                                                     const char         *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbBoardMergeResult, eb_board_merge_result_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-board.h"

G_BEGIN_DECLS

/**
 * EbFtmLayout:
 * @EB_FTM_LAYOUT_LINES: FollowTheMoney entities as JSON lines, one entity
 *   per line (.jsonl), as OpenSanctions and `ftm` publish them
 * @EB_FTM_LAYOUT_DIAGRAM: an Aleph network diagram (.ftm):
 *   `{"entities": […], "layout": {…}}`, with card positions
 *
 * The two FollowTheMoney file layouts Evidence Board reads and writes.
 */
typedef enum {
  EB_FTM_LAYOUT_LINES,
  EB_FTM_LAYOUT_DIAGRAM,
} EbFtmLayout;

EbBoard  *eb_ftm_read        (const char   *data,
                              gsize         length,
                              GError      **error);
EbBoard  *eb_ftm_read_file   (const char   *path,
                              GError      **error);
char     *eb_ftm_write       (EbBoard      *board,
                              EbFtmLayout   layout,
                              gsize        *length);
gboolean  eb_ftm_write_file  (EbBoard      *board,
                              const char   *path,
                              EbFtmLayout   layout,
                              GError      **error);

G_END_DECLS

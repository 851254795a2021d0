/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "eb-board.h"

G_BEGIN_DECLS

/* The hostile-file corpus: every broken or malicious file a shared board
 * can be, written by code (no binaries checked in), each with the words
 * the one-line error about it must hold. The store, command-line and
 * GUI tests all refuse the same files. */

/**
 * EbHostileFamily:
 * @EB_HOSTILE_BOARD: a .board file (SQLite, or posing as one)
 * @EB_HOSTILE_JSON: a .json board export
 * @EB_HOSTILE_CANVAS: a JSON Canvas (.canvas) file
 * @EB_HOSTILE_FTM: FollowTheMoney entities (.jsonl) or an Aleph diagram (.ftm)
 */
typedef enum {
  EB_HOSTILE_BOARD,
  EB_HOSTILE_JSON,
  EB_HOSTILE_CANVAS,
  EB_HOSTILE_FTM,
} EbHostileFamily;

typedef struct _EbHostile EbHostile;

struct _EbHostile
{
  const char      *file;          /* the file's name, with its extension */
  EbHostileFamily  family;
  void           (*make)          (const EbHostile *hostile,
                                   const char      *path);
  gconstpointer    data;          /* for make() */
  int              store_code;    /* board files: the EB_STORE_ERROR code */
  const char      *words[3];      /* all in the error, case-insensitively;
                                   * "a|b" takes either */
  gboolean         sparse;        /* too large to compare byte by byte */
};

const EbHostile *eb_hostile_corpus          (guint            *n_entries);
const EbHostile *eb_hostile_corpus_lookup   (const char       *file);
char            *eb_hostile_write           (const EbHostile  *hostile,
                                             const char       *dir);
gboolean         eb_hostile_message_matches (const EbHostile  *hostile,
                                             const char       *message,
                                             char            **missing);
EbBoard         *eb_hostile_sample_board    (void);

G_END_DECLS

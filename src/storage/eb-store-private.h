/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "eb-store.h"

G_BEGIN_DECLS

/* 'EVBD': marks an SQLite file as an Evidence Board board file. */
#define EB_STORE_APPLICATION_ID 0x45564244

/* Board files larger than this are refused before a byte is parsed. */
#define EB_STORE_FILE_MAX ((gint64) 1 << 30)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* For tests: the migrations, run on any connection (":memory:" included). */
gboolean     eb_store_migrate           (sqlite3     *db,
                                         GError     **error);

G_END_DECLS

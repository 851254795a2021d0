/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-locale"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "eb-locale.h"

/* The program's language, set up once at start by main() (and by the tests
 * the same way, so they see what a user sees).
 *
 * EVIDENCE_BOARD_LOCALEDIR points gettext at another folder of catalogues,
 * laid out like the installed one (LANG/LC_MESSAGES/evidence-board.mo):
 * the build tree's po/ folder, so the tests and a run from the build tree
 * are translated without installing anything. */

/**
 * eb_locale_get_dir:
 *
 * Returns: the folder the catalogues are read from: $EVIDENCE_BOARD_LOCALEDIR
 *   if set and not empty, else the installed locale folder
 */
const char *
eb_locale_get_dir (void)
{
  const char *dir = g_getenv ("EVIDENCE_BOARD_LOCALEDIR");

  return dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR;
}

/**
 * eb_locale_init:
 *
 * Takes the language, dates and numbers from the environment (LANGUAGE,
 * LC_ALL, LC_*, LANG) and binds the program's messages to its catalogues,
 * in UTF-8 whatever the locale's encoding. Call before any string is
 * translated and before GTK starts, which reads the text direction from
 * the locale.
 */
void
eb_locale_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, eb_locale_get_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "evidence-board"

#include "config.h"

#include <glib/gi18n.h>

#include <locale.h>
#include <math.h>
#include <stdlib.h>

#include "eb-application.h"
#include "eb-convert.h"

/* The command line is a contract (see ARCHITECTURE.md): scripts and tests
 * rely on it.
 *
 *   evidence-board [FILE…]                        open boards in the app
 *   evidence-board --check FILE…                  summary on stdout, exit 1 if unusable
 *   evidence-board --export=OUT [--scale=S] FILE  convert; OUT's extension picks the format
 *
 * --check and --export run without a display and never initialise GTK:
 * they only read and write files. Every error is one line on stderr,
 * "evidence-board: FILE: reason". */

#define PROGRAM_NAME "evidence-board"

/* Large enough for a poster-sized PNG of a small board; beyond it an
 * image export would need more memory than anyone has. */
#define SCALE_MAX 16.0

enum {
  EXIT_BAD_FILE = 1,   /* a file could not be read, checked or written */
  EXIT_USAGE = 2,      /* the command line itself makes no sense */
};

static void
print_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_strdelimit (message, "\r\n", ' ');
  g_printerr ("%s: %s\n", PROGRAM_NAME, message);
}

static void
print_file_error (const char   *path,
                  const GError *error)
{
  g_autofree char *line = eb_convert_error_line (path, error);

  g_printerr ("%s: %s\n", PROGRAM_NAME, line);
}

static int
check_files (char **files)
{
  int status = EXIT_SUCCESS;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EbBoard) board = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *display = NULL;
      EbFileFormat format = EB_FILE_FORMAT_UNKNOWN;

      board = eb_convert_read (files[i], &format, &error);
      if (board == NULL)
        {
          print_file_error (files[i], error);
          status = EXIT_BAD_FILE;
          continue;
        }

      summary = eb_convert_describe (board, format);
      display = g_filename_display_name (files[i]);
      g_print ("%s: %s\n", display, summary);
    }

  return status;
}

static gboolean
parse_scale (const char *text,
             double     *scale)
{
  char *end = NULL;

  *scale = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*scale) && *scale > 0 && *scale <= SCALE_MAX;
}

static int
export_file (const char *input,
             const char *output,
             const char *scale_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = NULL;
  EbFileFormat format;
  double scale = 1.0;

  if (scale_text != NULL && !parse_scale (scale_text, &scale))
    {
      print_error (_("--scale must be a number greater than 0 and at most %g, not “%s”"),
                   SCALE_MAX, scale_text);
      return EXIT_USAGE;
    }

  /* Refuse what we cannot write before reading anything. */
  if (!eb_convert_check_output (output, &format, &error))
    {
      print_file_error (output, error);
      return EXIT_BAD_FILE;
    }

  if (scale_text != NULL && !eb_file_format_is_image (format))
    {
      print_error (_("--scale applies only to image exports (.png, .svg, .pdf)"));
      return EXIT_USAGE;
    }

  board = eb_convert_read (input, NULL, &error);
  if (board == NULL)
    {
      print_file_error (input, error);
      return EXIT_BAD_FILE;
    }

  if (!eb_convert_write (board, output, &error))
    {
      print_file_error (output, error);
      return EXIT_BAD_FILE;
    }

  return EXIT_SUCCESS;
}

static int
run_gui (int   argc,
         char *argv[])
{
  g_autoptr(EbApplication) app = eb_application_new ();

  /* GApplication parses the original command line again: it has options
   * of its own, and hands the files to the primary instance. */
  return g_application_run (G_APPLICATION (app), argc, argv);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *scale_text = NULL;
  gboolean check = FALSE;
  gboolean version = FALSE;
  guint n_files;
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Check that each FILE is a usable board and print a summary of it"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
      N_("Convert FILE to OUT; the extension of OUT (.board or .json) picks the format"),
      /* Translators: the output file of --export */
      N_("OUT") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text,
      N_("Scale of an exported image (greater than 0, at most 16)"),
      /* Translators: the argument of --scale */
      N_("S") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and quit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Translators: the arguments in the usage line of --help */
  context = g_option_context_new (_("[FILE…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Opens evidence boards (.board files, or .json to import).\n"
                                  "With --check or --export it works without a display."));
  g_option_context_set_description (context,
                                    _("Examples:\n"
                                      "  evidence-board --check story.board\n"
                                      "  evidence-board --export=story.json story.board\n"
                                      "  evidence-board --export=story.board story.json\n"));
  /* Options we do not know may be GApplication's; it sees them in GUI mode. */
  g_option_context_set_ignore_unknown_options (context, TRUE);

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      print_error ("%s", error->message);
      return EXIT_USAGE;
    }

  if (version)
    {
      g_print ("%s %s\n", PROGRAM_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (!check && export_path == NULL && scale_text == NULL)
    return run_gui (argc, argv);

  /* Command-line mode: nothing may be left over but files. */
  if (g_strv_length (args) > 1)
    {
      print_error (_("Unknown option “%s”; see --help"), args[1]);
      return EXIT_USAGE;
    }

  n_files = files ? g_strv_length (files) : 0;

  if (check && export_path != NULL)
    {
      print_error (_("--check and --export cannot be used together"));
      return EXIT_USAGE;
    }

  if (check)
    {
      if (scale_text != NULL)
        {
          print_error (_("--scale applies only to --export"));
          return EXIT_USAGE;
        }
      if (n_files == 0)
        {
          print_error (_("--check needs a FILE to check"));
          return EXIT_USAGE;
        }
      return check_files (files);
    }

  if (export_path == NULL)
    {
      print_error (_("--scale applies only to --export"));
      return EXIT_USAGE;
    }
  if (export_path[0] == '\0')
    {
      print_error (_("--export needs a file name, e.g. --export=board.json"));
      return EXIT_USAGE;
    }
  if (n_files != 1)
    {
      print_error (_("--export needs exactly one FILE to convert"));
      return EXIT_USAGE;
    }

  return export_file (files[0], export_path, scale_text);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "evidence-board"

#include "config.h"

#include <glib/gi18n.h>

#include <locale.h>
#include <math.h>
#include <stdlib.h>

#include "eb-application.h"
#include "eb-convert.h"
#include "eb-export.h"
#include "eb-locale.h"

/* The command line is a contract (see ARCHITECTURE.md): scripts and tests
 * rely on it.
 *
 *   evidence-board [FILE…]                        open boards in the app
 *   evidence-board --check FILE…                  summary on stdout, exit 1 if unusable
 *   evidence-board --export=OUT [--scale=S] FILE  convert; OUT's extension picks the format
 *   evidence-board --export=OUT.png [--scale=S | --width=PX] [--frame=LABEL] [--no-background] FILE
 *                                                 draw it (.png, .svg, .pdf)
 *
 * --check and --export run without a display: board formats never
 * initialise GTK, images only as far as GSK needs (gtk_init_check(),
 * which works with no display). Every error is one line on stderr,
 * "evidence-board: FILE: reason". */

#define PROGRAM_NAME "evidence-board"

/* Large enough for a poster-sized PNG of a small board. */
#define SCALE_MAX EB_EXPORT_SCALE_MAX

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
      g_autofree char *note = NULL;
      EbFileFormat format = EB_FILE_FORMAT_UNKNOWN;

      board = eb_convert_read_full (files[i], &format, &note, &error);
      if (board == NULL)
        {
          print_file_error (files[i], error);
          status = EXIT_BAD_FILE;
          continue;
        }

      summary = eb_convert_describe (board, format);
      display = g_filename_display_name (files[i]);
      /* What a lenient import left out (edges to missing nodes) ends
       * the same line, so scripts still get one line per file. */
      if (note != NULL)
        g_print ("%s: %s; %s\n", display, summary, note);
      else
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

typedef struct
{
  const char *scale;
  const char *width;
  const char *frame;
  gboolean    no_background;
  gboolean    caption;
} ImageOptions;

static gboolean
parse_width (const char *text,
             int        *width)
{
  char *end = NULL;
  guint64 value;

  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  value = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0' || value < 1 || value > EB_EXPORT_PNG_MAX_SIDE)
    return FALSE;
  *width = (int) value;
  return TRUE;
}

/* Errors about what is in the board name the board; the rest name the
 * image. */
static const char *
export_error_file (const GError *error,
                   const char   *input,
                   const char   *output)
{
  if (error->domain == EB_EXPORT_ERROR &&
      (error->code == EB_EXPORT_ERROR_EMPTY || error->code == EB_EXPORT_ERROR_FRAME_NOT_FOUND))
    return input;
  return output;
}

static int
export_image (const char         *input,
              const char         *output,
              const ImageOptions *image)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = NULL;
  g_autoptr(EbExportOptions) options = eb_export_options_new ();

  if (image->scale != NULL && !parse_scale (image->scale, &options->scale))
    {
      print_error (_("--scale must be a number greater than 0 and at most %g, not “%s”"),
                   SCALE_MAX, image->scale);
      return EXIT_USAGE;
    }
  if (image->width != NULL && !parse_width (image->width, &options->width))
    {
      print_error (_("--width must be a whole number of pixels from 1 to %d, not “%s”"),
                   EB_EXPORT_PNG_MAX_SIDE, image->width);
      return EXIT_USAGE;
    }
  if (image->scale != NULL && image->width != NULL)
    {
      print_error (_("--scale and --width cannot be used together"));
      return EXIT_USAGE;
    }
  if (image->frame != NULL)
    eb_export_options_set_frame (options, image->frame);
  options->transparent = image->no_background;
  options->caption = image->caption;

  board = eb_convert_read (input, NULL, &error);
  if (board == NULL)
    {
      print_file_error (input, error);
      return EXIT_BAD_FILE;
    }

  /* GSK's node types, fonts; no display needed, none opened. */
  gtk_init_check ();
  if (!eb_export_to_file (board, output, options, NULL, NULL, NULL, &error))
    {
      print_file_error (export_error_file (error, input, output), error);
      return EXIT_BAD_FILE;
    }

  return EXIT_SUCCESS;
}

static int
export_file (const char         *input,
             const char         *output,
             const ImageOptions *image)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = NULL;
  EbFileFormat format;
  double scale = 1.0;

  if (eb_export_format_from_path (output) != EB_EXPORT_FORMAT_AUTO)
    return export_image (input, output, image);

  if (image->scale != NULL && !parse_scale (image->scale, &scale))
    {
      print_error (_("--scale must be a number greater than 0 and at most %g, not “%s”"),
                   SCALE_MAX, image->scale);
      return EXIT_USAGE;
    }

  /* Refuse what we cannot write before reading anything. */
  if (!eb_convert_check_output (output, &format, &error))
    {
      print_file_error (output, error);
      return EXIT_BAD_FILE;
    }

  if (image->scale != NULL || image->width != NULL || image->frame != NULL || image->no_background ||
      image->caption)
    {
      print_error (_("--scale, --width, --frame, --no-background and --caption apply only to image exports "
                     "(.png, .svg, .pdf)"));
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
  g_autofree char *width_text = NULL;
  g_autofree char *frame_label = NULL;
  gboolean no_background = FALSE;
  gboolean caption = FALSE;
  gboolean check = FALSE;
  gboolean version = FALSE;
  guint n_files;
  ImageOptions image_options;
  gboolean image_option;
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Check that each FILE is a usable board and print a summary of it"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
      N_("Convert FILE to OUT; the extension of OUT picks the format: .board, .json, .canvas (JSON Canvas), "
         ".jsonl (FollowTheMoney entities), .ftm (Aleph diagram), .png, .svg or .pdf"),
      /* Translators: the output file of --export */
      N_("OUT") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text,
      N_("Scale of an exported image (greater than 0, at most 16)"),
      /* Translators: the argument of --scale */
      N_("S") },
    { "width", 0, 0, G_OPTION_ARG_STRING, &width_text,
      N_("Width of an exported image in pixels, instead of a scale"),
      /* Translators: the argument of --width */
      N_("PX") },
    { "frame", 0, 0, G_OPTION_ARG_STRING, &frame_label,
      N_("Export only the frame with this label"),
      /* Translators: the argument of --frame */
      N_("LABEL") },
    { "no-background", 0, 0, G_OPTION_ARG_NONE, &no_background,
      N_("Leave an exported image's background transparent"), NULL },
    { "caption", 0, 0, G_OPTION_ARG_NONE, &caption,
      N_("Add a caption under an exported image: title, date and the sources shown with their grades"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and quit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };

  /* Language, dates and numbers from the environment; catalogues from
   * $EVIDENCE_BOARD_LOCALEDIR when set (the build tree's po/). */
  eb_locale_init ();

  /* Translators: the arguments in the usage line of --help */
  context = g_option_context_new (_("[FILE…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Opens evidence boards (.board files), or imports .json, .canvas (JSON Canvas, Obsidian),\n"
                                  ".jsonl (FollowTheMoney entities) and .ftm (Aleph diagrams); the content,\n"
                                  "not the name, decides how a file is read.\n"
                                  "With --check or --export it works without a display."));
  g_option_context_set_description (context,
                                    _("Examples:\n"
                                      "  evidence-board --check story.board\n"
                                      "  evidence-board --export=story.json story.board\n"
                                      "  evidence-board --export=story.board story.json\n"
                                      "  evidence-board --export=story.canvas story.board\n"
                                      "  evidence-board --export=story.board notes.canvas\n"
                                      "  evidence-board --export=story.board entities.jsonl\n"
                                      "  evidence-board --export=story.png --scale=2 story.board\n"
                                      "  evidence-board --export=part.svg --frame=Jaafari story.board\n"));
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

  image_options = (ImageOptions) { scale_text, width_text, frame_label, no_background, caption };
  image_option = scale_text != NULL || width_text != NULL || frame_label != NULL || no_background || caption;

  if (!check && export_path == NULL && !image_option)
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
      if (image_option)
        {
          print_error (_("--scale, --width, --frame, --no-background and --caption apply only to --export"));
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
      print_error (_("--scale, --width, --frame, --no-background and --caption apply only to --export"));
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

  return export_file (files[0], export_path, &image_options);
}

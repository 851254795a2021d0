/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-export-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eb-export.h"
#include "eb-export-dialog.h"

/* The Export dialog: the user picks a format, a part of the board, a
 * scale, the background and the caption, and sees the size of the image
 * before writing it (eb_export_measure()). Export… asks for a file, then
 * draws it in a worker thread (eb_export_to_file_async()) with a progress
 * bar that can be cancelled. When the file is written the dialog says so
 * through ::exported and closes; the window announces it with a toast.
 * The choices are remembered in GSettings as the user makes them. */

typedef enum {
  REGION_BOARD,
  REGION_VISIBLE,
  REGION_SELECTION,
  REGION_FRAME,
} Region;

/* Rows of the scale row, in order. */
enum {
  SCALE_1X,
  SCALE_2X,
  SCALE_3X,
  SCALE_WIDTH,
};

static const struct {
  EbExportFormat  format;
  const char     *key;         /* its value in the export-format setting */
  const char     *extension;
  const char     *mime_type;
} formats[] = {
  { EB_EXPORT_FORMAT_PNG, "png", "png", "image/png" },
  { EB_EXPORT_FORMAT_SVG, "svg", "svg", "image/svg+xml" },
  { EB_EXPORT_FORMAT_PDF, "pdf", "pdf", "application/pdf" },
};

static const char * const region_keys[] = { "board", "visible", "selection", "frame" };
static const char * const scale_keys[] = { "1x", "2x", "3x", "width" };

struct _EbExportDialog
{
  AdwWindow             parent_instance;

  EbBoard              *board;
  EbCanvas             *canvas;
  GSettings            *settings;
  char                 *name;
  GtkStringList        *frames;
  GPtrArray            *selection;      /* of char *, the selected items' ids */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;    /* set while an export runs */
  double                fit_scale;      /* offered by the fit button */
  double                fit_width;

  /* Set while the dialog shows the remembered choices, so that showing
   * them does not write them back. */
  guint                 loading : 1;

  AdwComboRow          *format_row;
  GtkCheckButton       *board_check;
  AdwActionRow         *visible_row;
  GtkCheckButton       *visible_check;
  AdwActionRow         *selection_row;
  GtkCheckButton       *selection_check;
  AdwComboRow          *frame_row;
  GtkCheckButton       *frame_check;
  AdwComboRow          *scale_row;
  AdwActionRow         *width_row;
  GtkSpinButton        *width_spin;
  GtkSwitch            *transparent_switch;
  GtkSwitch            *caption_switch;
  AdwPreferencesPage   *page;
  GtkButton            *close_button;
  GtkButton            *export_button;
  GtkLabel             *size_label;
  GtkButton            *fit_button;
  GtkWidget            *progress_box;
  GtkProgressBar       *progress_bar;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (EbExportDialog, eb_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One export in flight: the progress and completion callbacks share it. */
typedef struct
{
  EbExportDialog *self;
  GCancellable   *cancellable;
  GFile          *file;
} Run;

static void
run_clear (gpointer data)
{
  Run *run = data;

  g_clear_object (&run->self);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->file);
}

static void
run_release (gpointer data)
{
  g_rc_box_release_full (data, run_clear);
}

static guint
format_index (EbExportDialog *self)
{
  return MIN (adw_combo_row_get_selected (self->format_row), G_N_ELEMENTS (formats) - 1);
}

static EbExportFormat
get_format (EbExportDialog *self)
{
  return formats[format_index (self)].format;
}

static Region
get_region (EbExportDialog *self)
{
  if (gtk_check_button_get_active (self->visible_check))
    return REGION_VISIBLE;
  if (gtk_check_button_get_active (self->selection_check))
    return REGION_SELECTION;
  if (gtk_check_button_get_active (self->frame_check))
    return REGION_FRAME;
  return REGION_BOARD;
}

static void
set_region (EbExportDialog *self,
            Region          region)
{
  GtkCheckButton *checks[] = { self->board_check, self->visible_check, self->selection_check, self->frame_check };
  GtkWidget *rows[] = { NULL, GTK_WIDGET (self->visible_row), GTK_WIDGET (self->selection_row),
                        GTK_WIDGET (self->frame_row) };

  /* A remembered choice that this board or view does not offer. */
  if (rows[region] != NULL && !gtk_widget_get_sensitive (rows[region]))
    region = REGION_BOARD;
  gtk_check_button_set_active (checks[region], TRUE);
}

static const char *
selected_frame_label (EbExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->frame_row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->frames, selected);
}

/* The options the dialog shows, as eb_export_measure() and
 * eb_export_to_file() take them. */
static EbExportOptions *
build_options (EbExportDialog *self)
{
  EbExportOptions *options = eb_export_options_new ();

  options->format = get_format (self);
  options->transparent = gtk_switch_get_active (self->transparent_switch);
  options->caption = gtk_switch_get_active (self->caption_switch);

  switch (get_region (self))
    {
    case REGION_VISIBLE:
      options->region = EB_EXPORT_REGION_AREA;
      if (self->canvas != NULL)
        eb_viewport_get_area (eb_canvas_get_viewport (self->canvas), &options->area);
      /* Exactly what the window shows, no more. */
      options->margin = 0;
      break;

    case REGION_SELECTION:
      eb_export_options_set_items (options, (const char * const *) self->selection->pdata);
      break;

    case REGION_FRAME:
      eb_export_options_set_frame (options, selected_frame_label (self));
      break;

    case REGION_BOARD:
    default:
      break;
    }

  /* Scale and width are pixels: vector formats are drawn at one point a
   * board unit, and scale in the viewer. */
  if (options->format == EB_EXPORT_FORMAT_PNG)
    {
      guint scale = adw_combo_row_get_selected (self->scale_row);

      if (scale == SCALE_WIDTH)
        options->width = gtk_spin_button_get_value_as_int (self->width_spin);
      else
        options->scale = MIN (scale, SCALE_3X) + 1;
    }

  return options;
}

/* "6,240": digits grouped as the user's locale does it. */
static char *
format_count (int value)
{
  return g_strdup_printf ("%'d", value);
}

/* The largest scale at which @options still give a PNG we can write,
 * rounded down to two significant digits, as the export error says;
 * also the width in pixels that gives it. */
static gboolean
find_fit (EbExportDialog  *self,
          EbExportOptions *options,
          double          *fit_scale,
          double          *fit_width)
{
  g_autoptr(EbExportOptions) vector = eb_export_options_copy (options);
  EbExportSize size;
  double w, h, fit, digits;

  /* SVG has no pixel limit: one point a unit measures the picture. */
  vector->format = EB_EXPORT_FORMAT_SVG;
  vector->width = 0;
  vector->scale = 1;
  if (!eb_export_measure (self->board, NULL, vector, &size, NULL))
    return FALSE;

  w = size.area.width;
  h = size.height;
  fit = MIN (EB_EXPORT_PNG_MAX_SIDE / w, EB_EXPORT_PNG_MAX_SIDE / h);
  fit = MIN (fit, sqrt ((double) EB_EXPORT_PNG_MAX_PIXELS / (w * h)));
  if (!isfinite (fit) || fit <= 0)
    return FALSE;
  digits = pow (10, 1 - floor (log10 (fit)));
  fit = floor (fit * digits) / digits;
  *fit_scale = fit;
  *fit_width = floor (fit * w);
  return *fit_width >= 1;
}

static void
show_size_error (EbExportDialog *self,
                 const char     *message)
{
  gtk_label_set_text (self->size_label, message);
  gtk_widget_add_css_class (GTK_WIDGET (self->size_label), "error");
}

/* Measures the export as the options stand and says how big it will be,
 * or why it cannot be made. */
static void
update_size (EbExportDialog *self)
{
  g_autoptr(EbExportOptions) options = build_options (self);
  g_autoptr(GError) error = NULL;
  EbExportSize size;
  gboolean ok;

  gtk_widget_set_visible (GTK_WIDGET (self->fit_button), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->size_label), "error");

  ok = eb_export_measure (self->board, NULL, options, &size, &error);
  if (ok)
    {
      g_autofree char *width = format_count (size.width);
      g_autofree char *height = format_count (size.height);
      g_autofree char *text = NULL;

      if (size.format == EB_EXPORT_FORMAT_PNG)
        /* Translators: the size of the image an export makes, in pixels, e.g. "Size: 6,240 × 3,360 px" */
        text = g_strdup_printf (_("Size: %s × %s px"), width, height);
      else
        /* Translators: the size of the SVG or PDF an export makes, in points, e.g. "Size: 3,120 × 1,680 pt" */
        text = g_strdup_printf (_("Size: %s × %s pt"), width, height);
      gtk_label_set_text (self->size_label, text);
    }
  else
    {
      show_size_error (self, error->message);

      if (g_error_matches (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_TOO_BIG) &&
          find_fit (self, options, &self->fit_scale, &self->fit_width))
        {
          g_autofree char *label = NULL;

          if (adw_combo_row_get_selected (self->scale_row) == SCALE_WIDTH)
            {
              g_autofree char *width = format_count ((int) self->fit_width);

              /* Translators: a button under "the image would be too large": sets the largest width that fits, e.g. "Use 62,400 px" */
              label = g_strdup_printf (_("Use %s px"), width);
            }
          else
            /* Translators: a button under "the image would be too large": exports at the largest scale that fits, e.g. "Use 0.52×" */
            label = g_strdup_printf (_("Use %g×"), self->fit_scale);
          gtk_button_set_label (self->fit_button, label);
          gtk_widget_set_visible (GTK_WIDGET (self->fit_button), TRUE);
        }
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), ok && self->cancellable == NULL);
}

static void
save_settings (EbExportDialog *self)
{
  if (self->settings == NULL || self->loading)
    return;

  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "export-format", formats[format_index (self)].key);
  g_settings_set_string (self->settings, "export-region", region_keys[get_region (self)]);
  g_settings_set_string (self->settings, "export-scale",
                         scale_keys[MIN (adw_combo_row_get_selected (self->scale_row), SCALE_WIDTH)]);
  g_settings_set_int (self->settings, "export-width", gtk_spin_button_get_value_as_int (self->width_spin));
  g_settings_set_boolean (self->settings, "export-transparent", gtk_switch_get_active (self->transparent_switch));
  g_settings_set_boolean (self->settings, "export-caption", gtk_switch_get_active (self->caption_switch));
  g_settings_apply (self->settings);
}

static guint
index_of (const char * const *keys,
          guint               n_keys,
          const char         *key)
{
  for (guint i = 0; i < n_keys; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      return i;
  return 0;
}

static void
load_settings (EbExportDialog *self)
{
  g_autofree char *format = NULL;
  g_autofree char *region = NULL;
  g_autofree char *scale = NULL;

  if (self->settings == NULL)
    return;

  format = g_settings_get_string (self->settings, "export-format");
  region = g_settings_get_string (self->settings, "export-region");
  scale = g_settings_get_string (self->settings, "export-scale");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (format, formats[i].key))
      adw_combo_row_set_selected (self->format_row, i);
  set_region (self, index_of (region_keys, G_N_ELEMENTS (region_keys), region));
  adw_combo_row_set_selected (self->scale_row, index_of (scale_keys, G_N_ELEMENTS (scale_keys), scale));
  gtk_spin_button_set_value (self->width_spin, g_settings_get_int (self->settings, "export-width"));
  gtk_switch_set_active (self->transparent_switch, g_settings_get_boolean (self->settings, "export-transparent"));
  gtk_switch_set_active (self->caption_switch, g_settings_get_boolean (self->settings, "export-caption"));
}

/* What can be exported: the selection and the frames when there are
 * some. */
static void
fill_regions (EbExportDialog *self)
{
  GListModel *frames = eb_board_get_frames (self->board);
  guint n_frames = g_list_model_get_n_items (frames);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  self->selection = g_ptr_array_new_with_free_func (g_free);
  if (self->canvas != NULL)
    {
      g_autoptr(GPtrArray) items = eb_canvas_dup_selection (self->canvas);

      for (guint i = 0; i < items->len; i++)
        g_ptr_array_add (self->selection, g_strdup (eb_item_get_id (g_ptr_array_index (items, i))));
    }
  g_ptr_array_add (self->selection, NULL);

  if (self->selection->len > 1)
    {
      g_autofree char *count = NULL;
      guint n = self->selection->len - 1;

      /* Translators: under "Selection" in the export dialog: how many cards, links and frames are selected */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
      adw_action_row_set_subtitle (self->selection_row, count);
    }
  else
    {
      /* Translators: under "Selection" in the export dialog, when it cannot be chosen */
      adw_action_row_set_subtitle (self->selection_row, _("Nothing is selected"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->selection_row), FALSE);
    }

  if (self->canvas == NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->visible_row), FALSE);

  /* A frame is found by its label, so only labelled frames can be
   * chosen, each label once. */
  self->frames = gtk_string_list_new (NULL);
  for (guint i = 0; i < n_frames; i++)
    {
      g_autoptr(EbFrame) frame = g_list_model_get_item (frames, i);
      const char *label = eb_frame_get_label (frame);

      if (label != NULL && label[0] != '\0' && g_hash_table_add (seen, (gpointer) label))
        gtk_string_list_append (self->frames, label);
    }
  adw_combo_row_set_model (self->frame_row, G_LIST_MODEL (self->frames));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->frames)) == 0)
    {
      /* Translators: under "Frame" in the export dialog, when the board has no labelled frames */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->frame_row), _("The board has no frames"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->frame_row), FALSE);
    }
}

static void
update_rows (EbExportDialog *self)
{
  gboolean png = get_format (self) == EB_EXPORT_FORMAT_PNG;

  /* SVG and PDF scale in the viewer. */
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), png);
  gtk_widget_set_visible (GTK_WIDGET (self->width_row),
                          png && adw_combo_row_get_selected (self->scale_row) == SCALE_WIDTH);
}

static void
on_option_changed (EbExportDialog *self)
{
  if (self->loading)
    return;
  update_rows (self);
  update_size (self);
  save_settings (self);
}

static void
on_region_toggled (EbExportDialog *self,
                   GtkCheckButton *check)
{
  /* Each change toggles two buttons; answer the one turned on. */
  if (!gtk_check_button_get_active (check))
    return;
  on_option_changed (self);
}

static void
on_frame_selected (EbExportDialog *self)
{
  /* Choosing a frame means exporting it. */
  if (!self->loading && self->frames != NULL && selected_frame_label (self) != NULL &&
      !gtk_check_button_get_active (self->frame_check))
    gtk_check_button_set_active (self->frame_check, TRUE);
  else
    on_option_changed (self);
}

static void
on_fit_clicked (EbExportDialog *self)
{
  adw_combo_row_set_selected (self->scale_row, SCALE_WIDTH);
  gtk_spin_button_set_value (self->width_spin, self->fit_width);
  on_option_changed (self);
}

static void
set_busy (EbExportDialog *self,
          gboolean        busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->close_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fit_button), !busy);
  gtk_widget_set_visible (self->progress_box, busy);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  update_size (self);
}

static void
show_error (EbExportDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_export_progress (double   fraction,
                    gpointer data)
{
  Run *run = data;

  if (run->self->cancellable == run->cancellable)
    gtk_progress_bar_set_fraction (run->self->progress_bar, CLAMP (fraction, 0, 1));
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Run *run = data;
  EbExportDialog *self = run->self;
  g_autoptr(GError) error = NULL;
  gboolean ok = eb_export_to_file_finish (result, &error);

  /* The dialog was closed meanwhile: the export was cancelled with it. */
  if (self->cancellable != run->cancellable)
    {
      run_release (run);
      return;
    }

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (ok)
    {
      if (self->settings != NULL)
        {
          g_autoptr(GFile) parent = g_file_get_parent (run->file);
          g_autofree char *uri = parent ? g_file_get_uri (parent) : NULL;

          if (uri != NULL)
            g_settings_set_string (self->settings, "export-folder", uri);
        }
      g_signal_emit (self, signals[EXPORTED], 0, run->file);
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message);

  run_release (run);
}

static char *
dup_file_name (EbExportDialog *self)
{
  /* Translators: the file name an exported image of an untitled board is offered */
  g_autofree char *name = g_strdup (self->name && self->name[0] ? self->name : _("Board"));

  /* No folders in a suggested name. */
  g_strdelimit (name, G_DIR_SEPARATOR_S "/", '-');
  return g_strdup_printf ("%s.%s", name, formats[format_index (self)].extension);
}

/* The file's name ends in the chosen format's extension: "Report" with
 * PDF chosen becomes "Report.pdf". */
static GFile *
with_extension (EbExportDialog *self,
                GFile          *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *with = NULL;

  if (path == NULL || eb_export_format_from_path (path) == get_format (self))
    return g_object_ref (file);
  with = g_strdup_printf ("%s.%s", path, formats[format_index (self)].extension);
  return g_file_new_for_path (with);
}

static void
on_chooser_response (EbExportDialog  *self,
                     int              response,
                     GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    {
      g_autoptr(GFile) target = with_extension (self, file);

      eb_export_dialog_export_to_file (self, target);
    }
}

static void
on_export_clicked (EbExportDialog *self)
{
  g_autofree char *name = dup_file_name (self);
  g_autofree char *folder_uri = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL || self->cancellable != NULL)
    return;

  /* Translators: title of the file chooser that asks where to write the exported image */
  self->chooser = gtk_file_chooser_native_new (_("Export Board"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               /* Translators: accept button of the export file chooser */
                                               C_("export", "_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  gtk_file_filter_set_name (filter, adw_combo_row_get_selected_item (self->format_row)
                            ? gtk_string_object_get_string (adw_combo_row_get_selected_item (self->format_row))
                            : NULL);
  gtk_file_filter_add_mime_type (filter, formats[format_index (self)].mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  if (self->settings != NULL)
    folder_uri = g_settings_get_string (self->settings, "export-folder");
  if (folder_uri != NULL && folder_uri[0] != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_uri (folder_uri);

      if (g_file_query_exists (folder, NULL))
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_cancel_clicked (EbExportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static gboolean
on_close_request (EbExportDialog *self)
{
  /* Closing the dialog stops its export; the worker removes the part it
   * wrote. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return FALSE;
}

static void
eb_export_dialog_dispose (GObject *object)
{
  EbExportDialog *self = EB_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_EXPORT_DIALOG);

  g_clear_object (&self->frames);
  g_clear_object (&self->board);
  g_clear_object (&self->canvas);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (eb_export_dialog_parent_class)->dispose (object);
}

static void
eb_export_dialog_finalize (GObject *object)
{
  EbExportDialog *self = EB_EXPORT_DIALOG (object);

  g_clear_pointer (&self->selection, g_ptr_array_unref);
  g_free (self->name);

  G_OBJECT_CLASS (eb_export_dialog_parent_class)->finalize (object);
}

static void
eb_export_dialog_class_init (EbExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_export_dialog_dispose;
  object_class->finalize = eb_export_dialog_finalize;

  /**
   * EbExportDialog::exported:
   * @file: the file written
   *
   * The image was written; the dialog closes next.
   */
  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/evidenceboard/EvidenceBoard/eb-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, board_check);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, visible_row);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, visible_check);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, selection_row);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, selection_check);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, frame_row);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, frame_check);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, transparent_switch);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, caption_switch);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, size_label);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, fit_button);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_region_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_frame_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_fit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);
}

static void
eb_export_dialog_init (EbExportDialog *self)
{
  /* Signals from the template come while it is built: nothing to
   * measure or remember yet. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * eb_export_dialog_new:
 * @parent: the board's window
 * @board: the board to export
 * @canvas: (nullable): the canvas showing it, for the visible area and
 *   the selection
 * @settings: (nullable): the application's settings, where the last
 *   choices are kept
 * @name: (nullable): the board's name, for the suggested file name
 *
 * Returns: (transfer none): a new modal dialog over @parent, not yet shown
 */
EbExportDialog *
eb_export_dialog_new (GtkWindow  *parent,
                      EbBoard    *board,
                      EbCanvas   *canvas,
                      GSettings  *settings,
                      const char *name)
{
  EbExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (EB_IS_BOARD (board), NULL);
  g_return_val_if_fail (canvas == NULL || EB_IS_CANVAS (canvas), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (EB_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->board = g_object_ref (board);
  self->canvas = canvas ? g_object_ref (canvas) : NULL;
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->name = g_strdup (name);

  fill_regions (self);
  load_settings (self);
  self->loading = FALSE;

  update_rows (self);
  update_size (self);
  return self;
}

/**
 * eb_export_dialog_export_to_file:
 * @self: an export dialog
 * @file: the file to write
 *
 * Exports with the dialog's choices to @file, as Export… does once the
 * user has chosen it: in the background, with progress, and closing the
 * dialog when the file is written.
 */
void
eb_export_dialog_export_to_file (EbExportDialog *self,
                                 GFile          *file)
{
  g_autoptr(EbExportOptions) options = NULL;
  g_autofree char *path = NULL;
  Run *run;

  g_return_if_fail (EB_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->cancellable == NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      /* Translators: the export dialog was given a place that is not a local file */
      show_error (self, _("Images can only be exported to a local folder"));
      return;
    }

  options = build_options (self);
  show_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  run = g_rc_box_new0 (Run);
  run->self = g_object_ref (self);
  run->cancellable = g_object_ref (self->cancellable);
  run->file = g_object_ref (file);

  eb_export_to_file_async (self->board, path, options, self->cancellable,
                           on_export_progress, g_rc_box_acquire (run), run_release,
                           on_export_done, run);
}

/**
 * eb_export_dialog_get_busy:
 * @self: an export dialog
 *
 * Returns: whether an export is running
 */
gboolean
eb_export_dialog_get_busy (EbExportDialog *self)
{
  g_return_val_if_fail (EB_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

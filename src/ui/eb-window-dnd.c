/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-window"

#include "config.h"

#include "eb-window-private.h"

/* Files dropped on the window open as if chosen in the Open dialog: each
 * board in a window of its own, anything else refused with the usual
 * message. */
static gboolean
on_drop (EbWindow      *self,
         const GValue  *value,
         double         x,
         double         y)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  GdkFileList *list;
  GSList *files;

  if (app == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  files = list ? gdk_file_list_get_files (list) : NULL;
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, g_object_ref (l->data));
  g_slist_free (files);

  if (array->len == 0)
    return FALSE;

  g_application_open (G_APPLICATION (app), (GFile **) array->pdata, array->len, "");
  return TRUE;
}

void
_eb_window_dnd_init (EbWindow *self)
{
  GtkDropTarget *drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_swapped (drop_target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

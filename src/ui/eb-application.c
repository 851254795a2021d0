/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-application"

#include "config.h"

#include "eb-application.h"

struct _EbApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (EbApplication, eb_application, ADW_TYPE_APPLICATION)

static void
eb_application_class_init (EbApplicationClass *klass)
{
}

static void
eb_application_init (EbApplication *self)
{
}

EbApplication *
eb_application_new (void)
{
  return g_object_new (EB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

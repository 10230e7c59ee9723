/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean cm_renderer_avoid_software_gl (void);

G_END_DECLS

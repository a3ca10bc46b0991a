#ifndef ECDROP_MHD_SHIM_H
#define ECDROP_MHD_SHIM_H

#include <stdint.h>
#include <microhttpd.h>

/// Starts a daemon with an option array in place of MHD_start_daemon's variadic tail,
/// which Swift cannot call. The array must end with an MHD_OPTION_END item.
struct MHD_Daemon *ecdrop_mhd_start(unsigned int flags, uint16_t port,
                                    MHD_AccessHandlerCallback handler, void *handler_context,
                                    const struct MHD_OptionItem *options);

/// Sets the request-completed callback, which is also passed through varargs.
struct MHD_OptionItem ecdrop_mhd_option(enum MHD_OPTION option, intptr_t value, void *pointer);

#endif

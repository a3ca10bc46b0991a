#ifndef ECDROP_MHD_SHIM_H
#define ECDROP_MHD_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <microhttpd.h>

/// Starts a daemon with an option array in place of MHD_start_daemon's variadic tail,
/// which Swift cannot call. The array must end with an MHD_OPTION_END item.
struct MHD_Daemon *ecdrop_mhd_start(unsigned int flags, uint16_t port,
                                    MHD_AccessHandlerCallback handler, void *handler_context,
                                    const struct MHD_OptionItem *options);

/// Builds one option item; callbacks and pointers go in `pointer`, numbers in `value`.
struct MHD_OptionItem ecdrop_mhd_option(enum MHD_OPTION option, intptr_t value, void *pointer);

/// Receives one formatted line of the library's own error log.
typedef void (*ecdrop_mhd_log_writer)(void *context, const char *line);

/// Where MHD_OPTION_EXTERNAL_LOGGER sends its lines: the writer and its context.
struct ecdrop_mhd_log_target {
    ecdrop_mhd_log_writer write;
    void *context;
};

/// The MHD_OPTION_EXTERNAL_LOGGER item for a target, which must outlive the daemon.
/// Formats the library's printf-style messages (Swift cannot take a va_list callback).
struct MHD_OptionItem ecdrop_mhd_logger_option(struct ecdrop_mhd_log_target *target);

/// The MHD_OPTION_URI_LOG_CALLBACK item: `callback` receives the raw request target.
struct MHD_OptionItem ecdrop_mhd_uri_log_option(void *(*callback)(void *cls, const char *uri,
                                                                  struct MHD_Connection *connection),
                                                void *cls);

/// The MHD_OPTION_NOTIFY_COMPLETED item.
struct MHD_OptionItem ecdrop_mhd_completed_option(MHD_RequestCompletedCallback callback, void *cls);

/// The MHD_OPTION_NOTIFY_CONNECTION item.
struct MHD_OptionItem ecdrop_mhd_connection_option(MHD_NotifyConnectionCallback callback, void *cls);

/// The connection's socket, -1 when unknown.
int ecdrop_mhd_connection_fd(struct MHD_Connection *connection);

/// The port the daemon listens on, 0 when unknown.
uint16_t ecdrop_mhd_bound_port(struct MHD_Daemon *daemon);

/// Writes the peer as "1.2.3.4:port" or "[::1]:port" into `buffer`; returns 0 on success.
int ecdrop_mhd_client_address(struct MHD_Connection *connection, char *buffer, size_t size);

#endif

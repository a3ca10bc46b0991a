#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <microhttpd.h>
#include "CMicroHTTPDShim.h"

struct MHD_Daemon *ecdrop_mhd_start(unsigned int flags, uint16_t port,
                                    MHD_AccessHandlerCallback handler, void *handler_context,
                                    const struct MHD_OptionItem *options) {
    return MHD_start_daemon(flags, port, NULL, NULL, handler, handler_context,
                            MHD_OPTION_ARRAY, options, MHD_OPTION_END);
}

struct MHD_OptionItem ecdrop_mhd_option(enum MHD_OPTION option, intptr_t value, void *pointer) {
    struct MHD_OptionItem item = { option, value, pointer };
    return item;
}

static void ecdrop_mhd_format_log(void *cls, const char *format, va_list arguments) {
    struct ecdrop_mhd_log_target *target = cls;
    char line[1024];
    vsnprintf(line, sizeof line, format, arguments);
    target->write(target->context, line);
}

struct MHD_OptionItem ecdrop_mhd_logger_option(struct ecdrop_mhd_log_target *target) {
    struct MHD_OptionItem item = { MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)&ecdrop_mhd_format_log,
                                   target };
    return item;
}

struct MHD_OptionItem ecdrop_mhd_uri_log_option(void *(*callback)(void *cls, const char *uri,
                                                                  struct MHD_Connection *connection),
                                                void *cls) {
    struct MHD_OptionItem item = { MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)callback, cls };
    return item;
}

struct MHD_OptionItem ecdrop_mhd_completed_option(MHD_RequestCompletedCallback callback, void *cls) {
    struct MHD_OptionItem item = { MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)callback, cls };
    return item;
}

struct MHD_OptionItem ecdrop_mhd_connection_option(MHD_NotifyConnectionCallback callback, void *cls) {
    struct MHD_OptionItem item = { MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)callback, cls };
    return item;
}

int ecdrop_mhd_connection_fd(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    return info == NULL ? -1 : info->connect_fd;
}

uint16_t ecdrop_mhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

int ecdrop_mhd_client_address(struct MHD_Connection *connection, char *buffer, size_t size) {
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL || size == 0) return -1;
    const struct sockaddr *address = info->client_addr;
    char host[INET6_ADDRSTRLEN];
    if (address->sa_family == AF_INET) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)address;
        if (inet_ntop(AF_INET, &v4->sin_addr, host, sizeof host) == NULL) return -1;
        snprintf(buffer, size, "%s:%u", host, (unsigned)ntohs(v4->sin_port));
        return 0;
    }
    if (address->sa_family == AF_INET6) {
        const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)address;
        if (inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof host) == NULL) return -1;
        snprintf(buffer, size, "[%s]:%u", host, (unsigned)ntohs(v6->sin6_port));
        return 0;
    }
    return -1;
}

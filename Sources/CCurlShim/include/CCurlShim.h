#ifndef ECDROP_CURL_SHIM_H
#define ECDROP_CURL_SHIM_H

#include <stddef.h>
#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
// wrapper per kind of argument.

/// Sets an option that takes a long (flags, sizes, milliseconds).
CURLcode ecdrop_curl_set_long(CURL *handle, CURLoption option, long value);

/// Sets an option that takes a pointer: a string (copied by libcurl), a list or a context.
CURLcode ecdrop_curl_set_pointer(CURL *handle, CURLoption option, const void *value);

/// Receives the response body or a header line; returns how many bytes it took.
typedef size_t (*ecdrop_curl_sink)(char *data, size_t size, size_t count, void *context);

/// Sets CURLOPT_WRITEFUNCTION or CURLOPT_HEADERFUNCTION.
CURLcode ecdrop_curl_set_sink(CURL *handle, CURLoption option, ecdrop_curl_sink sink);

/// Sets the request body (copied by libcurl; an empty one when `length` is 0), and POST unless
/// CURLOPT_CUSTOMREQUEST names another method.
CURLcode ecdrop_curl_set_body(CURL *handle, const void *bytes, long length);

/// Names the calling thread where the kernel keeps it (top -H, perf); at most 15 bytes are kept.
void ecdrop_curl_name_thread(const char *name);

/// The last response's HTTP status, 0 when none came.
long ecdrop_curl_response_code(CURL *handle);

/// How many bytes of the request were sent: 0 means it never left.
long ecdrop_curl_request_size(CURL *handle);

#endif

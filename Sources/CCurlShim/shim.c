#define _GNU_SOURCE
#include "CCurlShim.h"

#include <pthread.h>
#include <string.h>

CURLcode ecdrop_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ecdrop_curl_set_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ecdrop_curl_set_sink(CURL *handle, CURLoption option, ecdrop_curl_sink sink) {
    return curl_easy_setopt(handle, option, sink);
}

long ecdrop_curl_response_code(CURL *handle) {
    long code = 0;
    if (curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code) != CURLE_OK) return 0;
    return code;
}

long ecdrop_curl_request_size(CURL *handle) {
    long size = 0;
    if (curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, &size) != CURLE_OK) return 0;
    return size;
}

CURLcode ecdrop_curl_set_body(CURL *handle, const void *bytes, long length) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, length);
    if (code != CURLE_OK) return code;
    // A NULL body would make libcurl read the body from stdin: an empty one is a static "".
    if (length == 0 || bytes == NULL) return curl_easy_setopt(handle, CURLOPT_POSTFIELDS, "");
    return curl_easy_setopt(handle, CURLOPT_COPYPOSTFIELDS, bytes);
}

void ecdrop_curl_name_thread(const char *name) {
    char kept[16];
    strncpy(kept, name, sizeof kept - 1);
    kept[sizeof kept - 1] = 0;
    pthread_setname_np(pthread_self(), kept);
}

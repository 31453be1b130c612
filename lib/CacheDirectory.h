// Where failguard keeps what it caches.
#ifndef FAILGUARD_LIB_CACHEDIRECTORY_H
#define FAILGUARD_LIB_CACHEDIRECTORY_H

#include <string>

namespace failguard {

/// `$XDG_CACHE_HOME/failguard`, else `~/.cache/failguard`, else under the
/// system's temporary directory. A relative XDG_CACHE_HOME is ignored, as the
/// XDG specification says (it would put the cache wherever the tool runs,
/// the checkout included).
std::string defaultCacheDirectory();

} // namespace failguard

#endif

// zlib (Debian zlib1g-dev): the page cache keeps its pages gzip-compressed.
#include <zlib.h>

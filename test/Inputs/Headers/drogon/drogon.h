// Test double of drogon/drogon.h.
#pragma once
#include <drogon/HttpFilter.h>
#include <drogon/HttpMiddleware.h>

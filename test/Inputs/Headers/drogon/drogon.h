// Test double of drogon/drogon.h.
#pragma once
#include <drogon/HttpAppFramework.h>
#include <drogon/HttpController.h>
#include <drogon/HttpFilter.h>
#include <drogon/HttpMiddleware.h>
#include <drogon/HttpSimpleController.h>
#include <drogon/WebSocketController.h>
#ifdef __cpp_impl_coroutine
#include <drogon/utils/coroutine.h>
#endif

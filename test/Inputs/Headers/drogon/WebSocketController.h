// Test double of drogon/WebSocketController.h: the real macros, class names and handler signatures.
#pragma once
#include <drogon/HttpTypes.h>
#include <drogon/WebSocketConnection.h>

#define WS_PATH_LIST_BEGIN                                                                         \
  static void initPathRouting() {
#define WS_PATH_ADD(path, ...) registerSelf__(path, {__VA_ARGS__})
#define WS_PATH_LIST_END }

namespace drogon {
class WebSocketControllerBase : public virtual DrObjectBase {
public:
  virtual void handleNewMessage(const WebSocketConnectionPtr &, std::string &&,
                                const WebSocketMessageType &) = 0;
  virtual void handleNewConnection(const HttpRequestPtr &, const WebSocketConnectionPtr &) = 0;
  virtual void handleConnectionClosed(const WebSocketConnectionPtr &) = 0;
  virtual ~WebSocketControllerBase() {}
};

template <typename T, bool AutoCreation = true>
class WebSocketController : public DrObject<T>, public WebSocketControllerBase {
public:
  static const bool isAutoCreation = AutoCreation;
  virtual ~WebSocketController() {}

protected:
  WebSocketController() {}
  static void registerSelf__(const std::string &path,
                             const std::vector<internal::HttpConstraint> &constraints);
};
} // namespace drogon

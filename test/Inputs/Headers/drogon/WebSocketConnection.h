// Test double of drogon/WebSocketConnection.h: WebSocketConnection, its pointer and message types.
#pragma once
#include <memory>
#include <string>

namespace drogon {
enum class WebSocketMessageType { Text, Binary, Ping, Pong, Close, Unknown };
class WebSocketConnection {
public:
  virtual ~WebSocketConnection() = default;
  virtual void send(const std::string &msg,
                    const WebSocketMessageType type = WebSocketMessageType::Text) = 0;
  virtual void forceClose() = 0;
};
using WebSocketConnectionPtr = std::shared_ptr<WebSocketConnection>;
} // namespace drogon

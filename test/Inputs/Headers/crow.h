// Test double of crow.h (Crow's all-in-one include).
#pragma once
#include <crow/app.h>

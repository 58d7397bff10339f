#pragma once
// Which Gateway API release channel the emitted objects target. It picks the
// CRD schema they are validated against, and tells the emitter whether it may
// use experimental-only fields such as sessionPersistence.

namespace im {

/// Gateway API release channel of the installed CRDs.
enum class Channel { Standard, Experimental };

}  // namespace im

//! The typed client of the REST contract: one method per operation, one error type, and a
//! transport that is either HTTP (a real backend) or the in-page mock backend. Everything
//! above this module is the same for both.

mod client;
mod credential;
mod error;
mod mock_port;
mod transport;

pub use client::{Client, RetryPolicy, Streamed};
pub use credential::Credential;
pub use error::ApiError;
pub use mock_port::load as load_mock;
pub use mock_port::{Mock, MockConnection, MockPort};
pub use transport::{sleep_ms, RawRequest, RawResponse, Transport};

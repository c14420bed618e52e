//! How a real backend knows who asks, shared by every request of the session: a bearer token
//! (`Authorization: Bearer`: a personal token, or an OpenID provider's access token), replaced in
//! place when the user signs in again or the token is refreshed, so that what is on screen (a
//! half-filled form) stays; or the platform's session cookie, which the console never holds. A
//! token is never printed: not in a log, an error or a debug line.

use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Default)]
pub struct Credential(Rc<Inner>);

#[derive(Default)]
struct Inner {
    token: RefCell<Option<String>>,
    on_refused: RefCell<Option<Rc<dyn Fn()>>>,
    /// Requests carry the platform's session cookie; writes, a copy of its XSRF cookie.
    cookies: bool,
}

impl Credential {
    pub fn new(token: Option<String>) -> Credential {
        Credential(Rc::new(Inner { token: RefCell::new(token), ..Inner::default() }))
    }

    /// The platform's session cookie, held by the browser.
    pub fn session_cookie() -> Credential {
        Credential(Rc::new(Inner { cookies: true, ..Inner::default() }))
    }

    pub fn uses_cookies(&self) -> bool {
        self.0.cookies
    }

    pub fn token(&self) -> Option<String> {
        self.0.token.borrow().clone()
    }

    pub fn replace(&self, token: Option<String>) {
        *self.0.token.borrow_mut() = token;
    }

    /// Runs `ask` when the backend refuses the current token (a 401): the session asks the user
    /// to sign in.
    pub fn on_refused(&self, ask: impl Fn() + 'static) {
        *self.0.on_refused.borrow_mut() = Some(Rc::new(ask));
    }

    /// The backend refused `sent`. A 401 for a token already replaced (a request that left before
    /// the user signed in again) asks nothing.
    pub(super) fn refused(&self, sent: Option<&str>) {
        if self.0.token.borrow().as_deref() != sent {
            return;
        }
        let ask = self.0.on_refused.borrow().clone();
        if let Some(ask) = ask {
            ask();
        }
    }
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let held = if self.0.token.borrow().is_some() { "a token" } else { "no token" };
        write!(f, "Credential({held})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn only_a_refusal_of_the_current_token_asks_to_sign_in() {
        let asked = Rc::new(Cell::new(0));
        let credential = Credential::new(Some("old".into()));
        let counter = asked.clone();
        credential.on_refused(move || counter.set(counter.get() + 1));
        credential.replace(Some("new".into()));
        credential.refused(Some("old"));
        assert_eq!(asked.get(), 0, "a request sent before the new sign-in");
        credential.refused(Some("new"));
        assert_eq!(asked.get(), 1);
        Credential::new(None).refused(None);
    }

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let credential = Credential::new(Some("s3cret-t0ken".into()));
        assert_eq!(format!("{credential:?}"), "Credential(a token)");
        assert_eq!(format!("{:?}", Credential::new(None)), "Credential(no token)");
    }
}

//! The parts of a workspace a command can change: the workspace marks those its mutators
//! touch, and the console redraws only what reads them.

/// A part of a workspace that a command can change, so a screen redraws only when a part it
/// shows changed, not after every command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Clock,
    Organizations,
    Users,
    Domains,
    Accounts,
    Subaccounts,
    Invitations,
    SsoProfiles,
    IdpErrors,
    OauthApps,
    Dns,
    Audit,
}

impl Part {
    /// Every part, in declaration order: a part's index here is its bit in [`Parts`].
    pub const ALL: [Part; 12] = [
        Part::Clock,
        Part::Organizations,
        Part::Users,
        Part::Domains,
        Part::Accounts,
        Part::Subaccounts,
        Part::Invitations,
        Part::SsoProfiles,
        Part::IdpErrors,
        Part::OauthApps,
        Part::Dns,
        Part::Audit,
    ];
}

// A part added to the enum but not to `ALL`, or out of order, fails the build.
const _: () = {
    let mut index = 0;
    while index < Part::ALL.len() {
        assert!(Part::ALL[index] as usize == index);
        index += 1;
    }
    assert!(Part::Audit as usize + 1 == Part::ALL.len());
};

/// A set of [`Part`]s: `Part::Users | Part::Audit`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Parts(u16);

impl Parts {
    pub const NONE: Parts = Parts(0);
    pub const ALL: Parts = Parts((1 << Part::ALL.len()) - 1);

    pub const fn of(part: Part) -> Parts {
        Parts(1 << part as u16)
    }

    pub const fn union(self, other: Parts) -> Parts {
        Parts(self.0 | other.0)
    }

    pub const fn without(self, part: Part) -> Parts {
        Parts(self.0 & !Parts::of(part).0)
    }

    pub const fn contains(self, part: Part) -> bool {
        self.0 & Parts::of(part).0 != 0
    }

    pub fn iter(self) -> impl Iterator<Item = Part> {
        Part::ALL.into_iter().filter(move |part| self.contains(*part))
    }
}

impl From<Part> for Parts {
    fn from(part: Part) -> Parts {
        Parts::of(part)
    }
}

impl<P: Into<Parts>> std::ops::BitOr<P> for Parts {
    type Output = Parts;
    fn bitor(self, other: P) -> Parts {
        self.union(other.into())
    }
}

impl<P: Into<Parts>> std::ops::BitOr<P> for Part {
    type Output = Parts;
    fn bitor(self, other: P) -> Parts {
        Parts::of(self).union(other.into())
    }
}

impl<P: Into<Parts>> std::ops::BitOrAssign<P> for Parts {
    fn bitor_assign(&mut self, other: P) {
        *self = self.union(other.into());
    }
}

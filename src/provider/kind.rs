//! Resource kinds: one collection of a provider's API (Cloudflare's OAuth clients, its scope
//! catalogue, Atlan's roles, ...), each with the operations it has.
//!
//! A kind implements [`Kind`] and one trait per operation ([`List`], [`Get`], [`Create`],
//! [`Update`], [`Delete`], [`RotateSecret`], [`DeleteRotatedSecret`]): pure request builders
//! and response parsers. The provider's `provider!` block names the operations each kind
//! offers; from that one list come the dispatch ([`DynKind`]), the `operations` flags and
//! form fields in `capabilities`, and the kind's TypeScript methods.

use crate::json::ToJson;

use crate::discovery::ServerMetadata;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{FieldSpec, ListParams, Operations, Registration, ResourceInfo};
use crate::pagination::{Page, PagingStyle};
use crate::request::{require_id, HttpRequest, HttpResponse};

/// What a kind is, independent of any account: the constant part of its `capabilities`.
#[derive(Debug, Clone, Copy)]
pub struct KindInfo {
    /// A label for people, e.g. "Scopes".
    pub label: &'static str,
    /// Ids of the parents every call names first (a service principal's secrets), in order.
    pub parents: &'static [FieldSpec],
    /// How `list` pages.
    pub paging: PagingStyle,
    /// The largest `limit` the API accepts, where it pages.
    pub max_limit: Option<u32>,
    /// Values `list` accepts as `sort`.
    pub sort_fields: &'static [&'static str],
    /// `list` parameters that filter (`"name"`).
    pub filters: &'static [&'static str],
}

impl KindInfo {
    /// A kind listed in one response, with no parents, sorting or filters.
    pub const fn single(label: &'static str) -> Self {
        KindInfo {
            label,
            parents: &[],
            paging: PagingStyle::Single,
            max_limit: None,
            sort_fields: &[],
            filters: &[],
        }
    }
}

/// A resource kind.
pub trait Kind: Sized {
    /// The provider's name, on errors.
    const PROVIDER: &'static str;
    /// What the kind is.
    const INFO: KindInfo;
    /// One item, as callers receive it.
    type Record: ToJson;

    /// The kind bound to a call's parent ids (checked non-empty, one per
    /// [`KindInfo::parents`]); kinds without parents are used as they are.
    fn bind(&self, parents: &[String]) -> Result<std::borrow::Cow<'_, Self>>
    where
        Self: Clone,
    {
        let _ = parents;
        Ok(std::borrow::Cow::Borrowed(self))
    }

    /// Whether items are reached through the registration the server issued for each
    /// (RFC 7592): the client then loads it from the store into [`Call::registration`]
    /// before `get`, `update` and `delete`, saves every one a response carries, forgets it
    /// after `delete`, and lists what the store knows.
    const REGISTERED: bool = false;

    /// The issuer whose metadata `op` needs in [`Call::metadata`], if any; the client
    /// fetches it once and shares it.
    fn discovers(&self, op: Op) -> Option<&str> {
        let _ = op;
        None
    }

    /// The kind bound to a call: its parents (see [`Kind::bind`]) and, for kinds that
    /// need them, the call's registration and metadata.
    fn bind_call(&self, call: &Call) -> Result<std::borrow::Cow<'_, Self>>
    where
        Self: Clone,
    {
        self.bind(&call.parents)
    }

    /// The registration a response carries (register, read, update), to be saved before
    /// the call returns; none on most kinds.
    fn registration(&self, resp: &HttpResponse) -> Result<Option<Registration>> {
        let _ = resp;
        Ok(None)
    }
}

/// Field specs for forms, declared beside an input type.
pub trait Form {
    /// The input's fields, in the order a form shows them.
    fn fields() -> Vec<FieldSpec>;
}

/// `list`: one page.
pub trait List: Kind {
    /// The request for the page `params` ask for.
    fn list(&self, params: &ListParams) -> Result<HttpRequest>;
    /// Reads a `list` response; `params` are those the request was built from.
    fn parse_list(&self, params: &ListParams, resp: &HttpResponse) -> Result<Page<Self::Record>>;
}

/// `get`: one item by id.
pub trait Get: Kind {
    /// The request.
    fn get(&self, id: &str) -> Result<HttpRequest>;
    /// Reads a response holding one item (get, and update on most APIs).
    fn parse_record(&self, resp: &HttpResponse) -> Result<Self::Record>;
}

/// `create`.
pub trait Create: Kind {
    /// The create input, read and checked.
    type Input: Form;
    /// What `create` returns (an item and its one-time secret).
    type Created: ToJson;
    /// Reads and checks a create input; an invalid one fails here, before anything is sent.
    fn read_create(&self, input: serde_json::Value) -> Result<Self::Input>;
    /// A request whose answer `build_create` needs (Atlan resolves role names through
    /// `GET roles`); none on most kinds.
    fn create_lookup(&self) -> Option<HttpRequest> {
        None
    }
    /// The create request, given the lookup's response where there was one.
    fn build_create(
        &self,
        input: &Self::Input,
        lookup: Option<&HttpResponse>,
    ) -> Result<HttpRequest>;
    /// `create` for kinds that need no lookup: read, check and build.
    fn create(&self, input: serde_json::Value) -> Result<HttpRequest> {
        let input = self.read_create(input)?;
        self.build_create(&input, None)
    }
    /// Reads a `create` response.
    fn parse_created(&self, resp: &HttpResponse) -> Result<Self::Created>;
    /// Reads a `create` response knowing the input it answers, where the call's input reads
    /// (an API whose answer holds only the new ids completes the item from what was sent);
    /// [`Create::parse_created`] on most kinds.
    fn parse_created_with(
        &self,
        input: Option<&Self::Input>,
        resp: &HttpResponse,
    ) -> Result<Self::Created> {
        let _ = input;
        self.parse_created(resp)
    }
}

/// Builds a read-back request from an update's response (see [`Update::READ_BACK`]).
pub type ReadBack<K> = fn(&K, &str, &HttpResponse) -> Result<HttpRequest>;

/// `update`: only the fields given change.
pub trait Update: Kind {
    /// The update input, for its form fields.
    type Input: Form;
    /// For APIs whose update answers nothing (`{}`): builds the request that reads the item
    /// back, given the update's response (or turns that response, if it failed, into its
    /// error); [`Update::parse_updated`] then reads the read-back's response. `None` on most
    /// kinds, whose update answers with the item.
    const READ_BACK: Option<ReadBack<Self>> = None;
    /// The request, after reading and checking `changes`.
    fn update(&self, id: &str, changes: serde_json::Value) -> Result<HttpRequest>;
    /// A request whose answer the update needs first (the current document, on APIs that
    /// only replace whole documents), after checking `changes`; none on most kinds.
    fn update_lookup(&self, id: &str, changes: &serde_json::Value) -> Result<Option<HttpRequest>> {
        let _ = (id, changes);
        Ok(None)
    }
    /// The request, given the answer to [`Update::update_lookup`]'s request.
    fn update_with(
        &self,
        id: &str,
        changes: serde_json::Value,
        lookup: &HttpResponse,
    ) -> Result<HttpRequest> {
        let _ = lookup;
        self.update(id, changes)
    }
    /// Reads an `update` response (or the read-back's, with [`Update::READ_BACK`]).
    fn parse_updated(&self, resp: &HttpResponse) -> Result<Self::Record>;
}

/// `delete`.
pub trait Delete: Kind {
    /// The request.
    fn delete(&self, id: &str) -> Result<HttpRequest>;
    /// Reads a `delete` response.
    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()>;
}

/// `rotateSecret`: a new secret for an item.
pub trait RotateSecret: Kind {
    /// What rotation returns.
    type Rotated: ToJson;
    /// The request.
    fn rotate_secret(&self, id: &str) -> Result<HttpRequest>;
    /// Reads a `rotateSecret` response.
    fn parse_rotated(&self, resp: &HttpResponse) -> Result<Self::Rotated>;
}

/// `deleteRotatedSecret`: revokes the secret a rotation replaced.
pub trait DeleteRotatedSecret: Delete {
    /// The request; its response reads like a `delete` response.
    fn delete_rotated_secret(&self, id: &str) -> Result<HttpRequest>;
}

/// An operation, as named in JS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `list` (and `iterate`, which calls it page by page).
    List,
    /// `get`.
    Get,
    /// `create`.
    Create,
    /// `update`.
    Update,
    /// `delete`.
    Delete,
    /// `rotateSecret`.
    RotateSecret,
    /// `deleteRotatedSecret`.
    DeleteRotatedSecret,
}

impl Op {
    /// The JS method name.
    pub fn js_name(self) -> &'static str {
        match self {
            Op::List => "list",
            Op::Get => "get",
            Op::Create => "create",
            Op::Update => "update",
            Op::Delete => "delete",
            Op::RotateSecret => "rotateSecret",
            Op::DeleteRotatedSecret => "deleteRotatedSecret",
        }
    }
}

/// What one call brings: parent ids, the item's id, an input, list parameters.
#[derive(Debug, Clone, Default)]
pub struct Call {
    /// Parent ids, in [`KindInfo::parents`] order.
    pub parents: Vec<String>,
    /// The item's id (get, update, delete, rotate).
    pub id: Option<String>,
    /// The create input or update changes, as JSON.
    pub input: Option<serde_json::Value>,
    /// `list` parameters.
    pub params: ListParams,
    /// The stored registration of the item `id` names, on [`Kind::REGISTERED`] kinds.
    pub registration: Option<Registration>,
    /// The server's metadata, where [`Kind::discovers`] asked for it.
    pub metadata: Option<std::rc::Rc<ServerMetadata>>,
}

impl Call {
    fn id(&self) -> Result<&str> {
        require_id("id", self.id.as_deref().unwrap_or(""))
    }

    fn input(&self) -> serde_json::Value {
        self.input.clone().unwrap_or(serde_json::Value::Null)
    }
}

/// What to send next for a call.
#[derive(Debug)]
pub enum Step {
    /// The operation's own request.
    Send(HttpRequest),
    /// A request whose answer the operation needs first; build again with its response.
    Lookup(HttpRequest),
}

/// A kind with its type erased: what the client and the JS surface drive. Results come
/// back as JSON text, ready for `JSON.parse`; `None` is `undefined`.
pub trait DynKind {
    /// The kind's name: `clients`, or its property in the provider's namespace.
    fn name(&self) -> &'static str;
    /// How many parent ids each call names first.
    fn parents(&self) -> usize;
    /// The kind's `capabilities` entry.
    fn describe(&self) -> ResourceInfo;
    /// The next request for `op`, given the lookup's response where one was asked for.
    fn build(&self, op: Op, call: &Call, lookup: Option<&HttpResponse>) -> Result<Step>;
    /// Reads the response to the request `build` returned.
    fn parse(&self, op: Op, call: &Call, resp: &HttpResponse) -> Result<Option<String>>;
    /// See [`Kind::REGISTERED`].
    fn registered(&self) -> bool;
    /// See [`Kind::discovers`].
    fn discovers(&self, op: Op) -> Option<&str>;
    /// See [`Kind::registration`]; `call` is the one the response answers.
    fn registration(&self, call: &Call, resp: &HttpResponse) -> Result<Option<Registration>>;
}

/// A kind shows as its name: a `Debug` supertrait would keep every kind's derived `Debug`
/// in the module through the trait object's vtable.
impl std::fmt::Debug for dyn DynKind + '_ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One operation, run on any kind that implements it. The `provider!` block lists these
/// by name for each kind; only listed operations are reachable.
pub trait Run<K> {
    /// Which operation this is.
    const OP: Op;
    /// Marks the operation (and its form fields) in the kind's description.
    fn describe(info: &mut ResourceInfo);
    /// The request(s).
    fn build(kind: &K, call: &Call, lookup: Option<&HttpResponse>) -> Result<Step>;
    /// The result.
    fn parse(kind: &K, call: &Call, resp: &HttpResponse) -> Result<Option<String>>;
}

/// Writes a result as JSON text.
pub(crate) fn json_text<T: ToJson>(value: &T) -> Result<Option<String>> {
    Ok(Some(crate::json::to_text(value)))
}

/// The description of a kind before its operations mark themselves.
pub fn base_info<K: Kind>(name: &'static str, path: String) -> ResourceInfo {
    let info = K::INFO;
    ResourceInfo {
        name,
        path,
        label: info.label,
        parents: info.parents,
        paging: info.paging,
        max_limit: info.max_limit,
        sort_fields: info.sort_fields,
        filters: info.filters,
        operations: Operations::default(),
        create_fields: Vec::new(),
        update_fields: Vec::new(),
    }
}

/// The error for an operation a kind does not have.
pub fn unsupported<K: Kind>(op: Op) -> Error {
    Error::unsupported(K::PROVIDER, op.js_name())
}

/// The unit types naming each operation in `provider!` blocks.
pub mod ops {
    use super::*;

    /// `list`.
    #[derive(Debug)]
    pub struct List;
    /// `get`.
    #[derive(Debug)]
    pub struct Get;
    /// `create`.
    #[derive(Debug)]
    pub struct Create;
    /// `update`.
    #[derive(Debug)]
    pub struct Update;
    /// `delete`.
    #[derive(Debug)]
    pub struct Delete;
    /// `rotateSecret`.
    #[derive(Debug)]
    pub struct RotateSecret;
    /// `deleteRotatedSecret`.
    #[derive(Debug)]
    pub struct DeleteRotatedSecret;

    impl<K: super::List> Run<K> for List {
        const OP: Op = Op::List;
        fn describe(info: &mut ResourceInfo) {
            info.operations.list = true;
        }
        fn build(kind: &K, call: &Call, _: Option<&HttpResponse>) -> Result<Step> {
            check_filters::<K>(&call.params)?;
            kind.list(&call.params).map(Step::Send)
        }
        fn parse(kind: &K, call: &Call, resp: &HttpResponse) -> Result<Option<String>> {
            json_text(&kind.parse_list(&call.params, resp)?)
        }
    }

    impl<K: super::Get> Run<K> for Get {
        const OP: Op = Op::Get;
        fn describe(info: &mut ResourceInfo) {
            info.operations.get = true;
        }
        fn build(kind: &K, call: &Call, _: Option<&HttpResponse>) -> Result<Step> {
            kind.get(call.id()?).map(Step::Send)
        }
        fn parse(kind: &K, _: &Call, resp: &HttpResponse) -> Result<Option<String>> {
            json_text(&kind.parse_record(resp)?)
        }
    }

    impl<K: super::Create> Run<K> for Create {
        const OP: Op = Op::Create;
        fn describe(info: &mut ResourceInfo) {
            info.operations.create = true;
            info.create_fields = <K::Input as Form>::fields();
        }
        fn build(kind: &K, call: &Call, lookup: Option<&HttpResponse>) -> Result<Step> {
            let input = kind.read_create(call.input())?;
            match (kind.create_lookup(), lookup) {
                (Some(first), None) => Ok(Step::Lookup(first)),
                (_, lookup) => kind.build_create(&input, lookup).map(Step::Send),
            }
        }
        fn parse(kind: &K, call: &Call, resp: &HttpResponse) -> Result<Option<String>> {
            let input = kind.read_create(call.input()).ok();
            json_text(&kind.parse_created_with(input.as_ref(), resp)?)
        }
    }

    impl<K: super::Update> Run<K> for Update {
        const OP: Op = Op::Update;
        fn describe(info: &mut ResourceInfo) {
            info.operations.update = true;
            info.update_fields = <K::Input as Form>::fields();
        }
        fn build(kind: &K, call: &Call, lookup: Option<&HttpResponse>) -> Result<Step> {
            let id = call.id()?;
            match (K::READ_BACK, lookup) {
                // With a read-back, the update goes first (as a lookup) and the read is the result.
                (Some(_), None) => kind.update(id, call.input()).map(Step::Lookup),
                (Some(read_back), Some(updated)) => read_back(kind, id, updated).map(Step::Send),
                (None, Some(current)) => {
                    kind.update_with(id, call.input(), current).map(Step::Send)
                }
                (None, None) => match kind.update_lookup(id, &call.input())? {
                    Some(first) => Ok(Step::Lookup(first)),
                    None => kind.update(id, call.input()).map(Step::Send),
                },
            }
        }
        fn parse(kind: &K, _: &Call, resp: &HttpResponse) -> Result<Option<String>> {
            json_text(&kind.parse_updated(resp)?)
        }
    }

    impl<K: super::Delete> Run<K> for Delete {
        const OP: Op = Op::Delete;
        fn describe(info: &mut ResourceInfo) {
            info.operations.delete = true;
        }
        fn build(kind: &K, call: &Call, _: Option<&HttpResponse>) -> Result<Step> {
            kind.delete(call.id()?).map(Step::Send)
        }
        fn parse(kind: &K, _: &Call, resp: &HttpResponse) -> Result<Option<String>> {
            kind.parse_deleted(resp).map(|()| None)
        }
    }

    impl<K: super::RotateSecret> Run<K> for RotateSecret {
        const OP: Op = Op::RotateSecret;
        fn describe(info: &mut ResourceInfo) {
            info.operations.rotate_secret = true;
        }
        fn build(kind: &K, call: &Call, _: Option<&HttpResponse>) -> Result<Step> {
            kind.rotate_secret(call.id()?).map(Step::Send)
        }
        fn parse(kind: &K, _: &Call, resp: &HttpResponse) -> Result<Option<String>> {
            json_text(&kind.parse_rotated(resp)?)
        }
    }

    impl<K: super::DeleteRotatedSecret> Run<K> for DeleteRotatedSecret {
        const OP: Op = Op::DeleteRotatedSecret;
        fn describe(info: &mut ResourceInfo) {
            info.operations.delete_rotated_secret = true;
        }
        fn build(kind: &K, call: &Call, _: Option<&HttpResponse>) -> Result<Step> {
            kind.delete_rotated_secret(call.id()?).map(Step::Send)
        }
        fn parse(kind: &K, _: &Call, resp: &HttpResponse) -> Result<Option<String>> {
            kind.parse_deleted(resp).map(|()| None)
        }
    }
}

/// Checks that every filter `params` give is one the kind declares: a filter a kind does
/// not honour would otherwise be dropped silently and list everything.
fn check_filters<K: Kind>(params: &ListParams) -> Result<()> {
    check_declared_filters(K::PROVIDER, K::INFO.filters, params)
}

/// [`check_filters`] past the kind's constants: one copy for every kind.
#[inline(never)]
fn check_declared_filters(provider: &str, declared: &[&str], params: &ListParams) -> Result<()> {
    match params.filters_given().find(|f| !declared.contains(f)) {
        Some(filter) => Err(Error::invalid(
            filter,
            format!(
                "{provider} cannot filter this list by {filter} (its filters: {})",
                if declared.is_empty() {
                    "none".to_owned()
                } else {
                    declared.join(", ")
                }
            ),
        )),
        None => Ok(()),
    }
}

/// Checks a call's parent ids against the kind's declared parents.
pub fn check_parents<K: Kind>(parents: &[String]) -> Result<()> {
    check_declared_parents(K::INFO.parents, parents)
}

/// [`check_parents`] past the kind's constants: one copy for every kind.
#[inline(never)]
fn check_declared_parents(wanted: &[FieldSpec], parents: &[String]) -> Result<()> {
    if parents.len() != wanted.len() {
        return Err(Error::new(
            ErrorKind::Validation,
            format!(
                "expected {} parent id(s) before the other arguments, got {}",
                wanted.len(),
                parents.len()
            ),
        ));
    }
    for (spec, id) in wanted.iter().zip(parents) {
        require_id(spec.name, id)?;
    }
    Ok(())
}

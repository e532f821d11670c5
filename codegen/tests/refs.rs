//! Specs split over files: references relative to the file that makes them,
//! path items given by reference, errors that name the file they are in, and
//! the files a build must watch. (References inside one document are pinned
//! by the `refs_local` golden fixture and `refs`' unit tests.)

use openapi_codegen::Config;
use std::path::{Path, PathBuf};

/// A fresh directory holding `files` (path relative to it, text).
fn tree(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("openapi-codegen-refs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

const MAIN: &str = "openapi: 3.0.3
info: {title: split, version: '1'}
paths:
  /pets:
    $ref: paths/pets.yaml
";

const PETS: &str = "get:
  operationId: listPets
  responses:
    '200':
      description: The pets.
      content:
        application/json:
          schema:
            type: array
            items:
              $ref: '../schemas/pet.yaml'
    default:
      description: An error.
      content:
        application/json:
          schema:
            $ref: '../schemas/common.yaml#/components/schemas/Error'
";

const PET: &str = "type: object
description: A pet.
required: [name]
properties:
  name:
    type: string
  owner:
    $ref: 'common.yaml#/components/schemas/Person'
";

const COMMON: &str = "components:
  schemas:
    Error:
      type: object
      properties:
        message:
          type: string
    Person:
      type: object
      properties:
        pets:
          type: array
          items:
            $ref: 'pet.yaml'
";

fn split_spec(name: &str, pet: &str) -> PathBuf {
    tree(name, &[("openapi.yaml", MAIN), ("paths/pets.yaml", PETS), ("schemas/pet.yaml", pet), ("schemas/common.yaml", COMMON)])
}

/// A spec whose schemas are reached only through a path item in another
/// file: every schema becomes a type, once, and the build watches every file.
#[test]
fn a_spec_split_over_files_builds_every_schema_once() {
    let dir = split_spec("split", PET);
    let output = Config::new().generate_file(dir.join("openapi.yaml")).unwrap();
    let code = &output.code;
    for item in ["pub struct Pet {", "pub struct Person {", "pub struct Error {"] {
        assert_eq!(code.matches(item).count(), 1, "{item} once in:\n{code}");
    }
    // The cycle pet -> common#Person -> pet is one pair of types.
    assert!(code.contains("pub owner: Option<super::person::Person>"), "{code}");
    assert!(code.contains("pub pets: Option<Vec<super::pet::Pet>>"), "{code}");
    assert_eq!(output.report.responses, [("listPets".to_owned(), "operations::ListPetsResponse".to_owned())]);
    let read: Vec<PathBuf> = output.files.iter().map(|f| f.strip_prefix(&dir).unwrap().to_path_buf()).collect();
    assert_eq!(read, [Path::new("paths/pets.yaml"), Path::new("schemas/pet.yaml"), Path::new("schemas/common.yaml")]);

    // Config::generate writes it, like a single-file spec.
    let out = dir.join("out");
    Config::new().out_dir(&out).generate(dir.join("openapi.yaml")).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("openapi.rs")).unwrap(), *code);
}

/// An error in a referenced file names that file, its line and the pointer
/// there, not the place in the main spec; so does the warning a default
/// build gives for the same flaw.
#[test]
fn an_error_in_a_referenced_file_names_that_file() {
    let dir = split_spec("bad", &PET.replace("type: string", "type: strin"));
    let err = Config::new().strict_spec(true).generate_file(dir.join("openapi.yaml")).unwrap_err().to_string();
    let pet = dir.join("schemas/pet.yaml");
    assert!(err.starts_with(&format!("{}:5: #/properties/name: unknown type \"strin\"", pet.display())), "{err}");
    // The default build warns of it, in the same place.
    let output = Config::new().generate_file(dir.join("openapi.yaml")).unwrap();
    let warnings: Vec<String> = output.report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings, [format!("{}:5: #/properties/name: unknown type \"strin\"; the schema reads any JSON (serde_json::Value)", pet.display())]);
}

/// A syntax error in a referenced file names that file.
#[test]
fn a_referenced_file_that_does_not_parse_names_itself() {
    let dir = split_spec("syntax", "type: [object\n");
    let err = Config::new().generate_file(dir.join("openapi.yaml")).unwrap_err().to_string();
    assert!(err.starts_with(&format!("{}", dir.join("schemas/pet.yaml").display())), "{err}");
    assert!(err.contains("not valid YAML/JSON"), "{err}");
}

/// Text with no path has nowhere to read a file from: a clear error.
#[test]
fn generate_str_refuses_file_references() {
    let err = Config::new().generate_str(MAIN, "openapi.yaml").unwrap_err().to_string();
    assert!(err.starts_with("#/paths/~1pets: `$ref: paths/pets.yaml` refers to a file, which needs the spec's own path"), "{err}");
}

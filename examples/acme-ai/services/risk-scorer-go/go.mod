module github.com/acme/risk-scorer

go 1.22

require (
	github.com/aws/aws-sdk-go-v2 v1.30.3
	github.com/aws/aws-sdk-go-v2/config v1.27.27
	github.com/aws/aws-sdk-go-v2/service/bedrockruntime v1.16.0
)

require (
	github.com/aws/aws-sdk-go-v2/credentials v1.17.27 // indirect
	github.com/aws/smithy-go v1.20.3 // indirect
)
